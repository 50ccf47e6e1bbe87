import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { IsNameId, NAME_ID_FORMAT } from '../../../common/validation/validators';
import {
  ACTION_FORMAT,
  LOCK_SCOPES,
  LOCK_STATUSES,
  type LockScope,
  type LockStatus,
} from '../strategy-lock.types';

/** Query of `GET /strategy-locks`. */
export class ListStrategyLocksQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: LOCK_STATUSES })
  @IsOptional()
  @IsIn(LOCK_STATUSES)
  status?: LockStatus;
  @ApiPropertyOptional({ pattern: NAME_ID_FORMAT.source })
  @IsOptional()
  @IsNameId()
  surface?: string;
  @ApiPropertyOptional({ enum: LOCK_SCOPES }) @IsOptional() @IsIn(LOCK_SCOPES) scope?: LockScope;
}

/** Query of `GET /strategy-locks/check`. */
export class CheckStrategyLockQueryDto {
  @ApiProperty({ pattern: ACTION_FORMAT.source, example: 'builder:publish_page' })
  @Matches(ACTION_FORMAT, { message: `action must match ${ACTION_FORMAT.source}` })
  action!: string;

  @ApiPropertyOptional({
    pattern: NAME_ID_FORMAT.source,
    description: 'Omit to check locks that apply to every surface.',
  })
  @IsOptional()
  @IsNameId()
  surface?: string;
}
