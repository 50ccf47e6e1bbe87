import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import {
  BUDGET_KEY_FORMAT,
  budgetKeyMessage,
  MAX_WINDOW_DAYS,
  TOOL_ID_FORMAT,
  USAGE_GROUP_BY,
  type UsageGroupBy,
} from '../budget.types';

/** Query of `GET /budget/usage`: newest first; without `window_days`, all time. */
export class UsageListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_WINDOW_DAYS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  window_days?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('surface') })
  surface?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('provider') })
  provider?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(TOOL_ID_FORMAT, { message: `tool_id must match ${TOOL_ID_FORMAT.source}` })
  tool_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('app') })
  app?: string;
}

/** Query of `GET /budget/usage/summary`: the last `window_days` (default 30), by `group_by`. */
export class UsageSummaryQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_WINDOW_DAYS, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  window_days?: number;

  @ApiPropertyOptional({ enum: USAGE_GROUP_BY, default: 'provider' })
  @IsOptional()
  @IsIn(USAGE_GROUP_BY)
  group_by?: UsageGroupBy;
}
