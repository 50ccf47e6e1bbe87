import { ApiProperty } from '@nestjs/swagger';
import {
  LICENCE_LEVELS,
  SUBJECT_TYPES,
  type ActionPolicy,
  type CheckReason,
  type CheckResult,
  type LicenceLevel,
  type LicenceStatus,
  type LicenceView,
  type SubjectType,
} from '../firearms.types';

const nullableString = { type: String, nullable: true } as const;
const version = { description: 'Also the ETag; send it back in If-Match.' } as const;

export class ActionPolicyDto implements ActionPolicy {
  @ApiProperty() action!: string;
  @ApiProperty({ enum: LICENCE_LEVELS }) required_level!: LicenceLevel;
  @ApiProperty(version) version!: number;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
}

export class LicenceDto implements LicenceView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SUBJECT_TYPES }) subject_type!: SubjectType;
  @ApiProperty() subject_id!: string;
  @ApiProperty({ enum: LICENCE_LEVELS }) level!: LicenceLevel;
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) status!: LicenceStatus;
  @ApiProperty() issued_by!: string;
  @ApiProperty({ format: 'date-time' }) issued_at!: string;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
  @ApiProperty({ ...nullableString, format: 'date-time' }) revoked_at!: string | null;
  @ApiProperty(nullableString) revoked_by!: string | null;
  @ApiProperty(nullableString) revoke_reason!: string | null;
  @ApiProperty(version) version!: number;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class CheckResultDto implements CheckResult {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ type: String, enum: [...LICENCE_LEVELS, null], nullable: true })
  required_level!: LicenceLevel | null;
  @ApiProperty(nullableString) licence_id!: string | null;
  @ApiProperty({ enum: ['licence_valid', 'action_not_configured', 'no_valid_licence'] })
  reason!: CheckReason;
}
