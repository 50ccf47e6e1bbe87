import { ApiProperty } from '@nestjs/swagger';
import { FLAT_METADATA } from '../../../common/http/openapi/flat-metadata';
import {
  USAGE_GROUP_BY,
  type BudgetCheck,
  type BudgetPolicy,
  type UsageEvent,
  type UsageGroupBy,
  type UsageGroupTotals,
  type UsageMetadata,
  type UsageSummary,
} from '../budget.types';

const nullableString = { type: String, nullable: true } as const;
/** Money is a decimal string, never a float. */
const DECIMAL_PATTERN = '^\\d+(\\.\\d+)?$';
const decimal = (description?: string) =>
  ({ type: String, pattern: DECIMAL_PATTERN, example: '0.0125', description }) as const;
const ANY_OR_KEY = 'A surface or app, or "*" for any.';

/** A stored usage event (append-only). */
export class BudgetUsageEventDto implements UsageEvent {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'openai' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
  @ApiProperty({ example: 'web' }) surface!: string;
  @ApiProperty(nullableString) app!: string | null;
  @ApiProperty(nullableString) tool_id!: string | null;
  @ApiProperty() tokens_input!: number;
  @ApiProperty() tokens_output!: number;
  @ApiProperty(decimal()) cost!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty(FLAT_METADATA) metadata!: UsageMetadata;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty() created_by!: string;
}

/** Answer of `POST /budget/usage`: the stored events, in the order posted. */
export class RecordedUsageDto {
  @ApiProperty({ type: [BudgetUsageEventDto] }) items!: BudgetUsageEventDto[];
}

/** Totals of one group of a usage summary. */
export class UsageGroupTotalsDto implements UsageGroupTotals {
  @ApiProperty({ ...nullableString, description: 'null groups events without the key.' })
  key!: string | null;
  @ApiProperty() count!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', pattern: DECIMAL_PATTERN },
    example: { USD: '1.25' },
    description: 'Exact sums per currency (different currencies are never added).',
  })
  cost_by_currency!: Record<string, string>;
  @ApiProperty() tokens_input!: number;
  @ApiProperty() tokens_output!: number;
}

/** Answer of `GET /budget/usage/summary`. */
export class UsageSummaryDto implements UsageSummary {
  @ApiProperty({ enum: USAGE_GROUP_BY }) group_by!: UsageGroupBy;
  @ApiProperty() window_days!: number;
  @ApiProperty({ format: 'date-time', description: 'Start of the window (inclusive).' })
  since!: string;
  @ApiProperty() events!: number;
  @ApiProperty({ type: [UsageGroupTotalsDto] }) groups!: UsageGroupTotalsDto[];
}

/** The one policy of a `(surface|*, app|*)` pair. */
export class BudgetPolicyDto implements BudgetPolicy {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '*', description: ANY_OR_KEY }) surface!: string;
  @ApiProperty({ example: '*', description: ANY_OR_KEY }) app!: string;
  @ApiProperty(decimal('Most that may be spent over the window, in currency.'))
  threshold!: string;
  @ApiProperty() window_days!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
}

/** The policy a check applied. */
export class CheckedPolicyDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: ANY_OR_KEY }) surface!: string;
  @ApiProperty({ description: ANY_OR_KEY }) app!: string;
}

/** Answer of `GET /budget/check`; money in decimal strings of `currency`. */
export class BudgetCheckDto implements BudgetCheck {
  @ApiProperty({ description: 'Whether spent + cost stays within the threshold.' })
  allowed!: boolean;
  @ApiProperty(decimal()) spent!: string;
  @ApiProperty(decimal()) threshold!: string;
  @ApiProperty(decimal('threshold - spent, or "0" once spending has reached it.'))
  remaining!: string;
  @ApiProperty(decimal()) cost!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty() window_days!: number;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: CheckedPolicyDto }) policy!: CheckedPolicyDto;
}
