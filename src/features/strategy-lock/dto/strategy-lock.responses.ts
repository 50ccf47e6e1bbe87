import { ApiProperty } from '@nestjs/swagger';
import {
  LOCK_SCOPES,
  LOCK_STATUSES,
  type LockCheck,
  type LockScope,
  type LockStatus,
  type StrategyLockView,
} from '../strategy-lock.types';

const nullableString = { type: String, nullable: true } as const;

export class StrategyLockDto implements StrategyLockView {
  @ApiProperty() id!: string;
  @ApiProperty({ ...nullableString, description: 'null: applies to every surface.' })
  surface!: string | null;
  @ApiProperty({ enum: LOCK_SCOPES }) scope!: LockScope;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  constraints!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) allowed_actions!: string[];
  @ApiProperty() created_by!: string;
  @ApiProperty(nullableString) approved_by!: string | null;
  @ApiProperty(nullableString) rejected_by!: string | null;
  @ApiProperty({ enum: LOCK_STATUSES }) status!: LockStatus;
  @ApiProperty({ format: 'date-time' }) valid_from!: string;
  @ApiProperty({ format: 'date-time' }) valid_until!: string;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class LockCheckDto implements LockCheck {
  @ApiProperty() allowed!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty(nullableString) lock_id!: string | null;
}
