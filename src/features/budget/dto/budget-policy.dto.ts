import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  BUDGET_KEY_FORMAT,
  budgetKeyMessage,
  CURRENCY_FORMAT,
  DECIMAL_FORMAT,
  decimalMessage,
  MAX_WINDOW_DAYS,
} from '../budget.types';

/** A surface or app in a policy: a key, or `*` for any. */
const KEY_OR_ANY = new RegExp(`^(\\*|${BUDGET_KEY_FORMAT.source.slice(1, -1)})$`);
const keyOrAnyMessage = (field: string): string =>
  `${field} must be "*" (any) or 1..64 characters: lower-case letters, digits, "_", "." or "-"`;

/**
 * Body of `PUT /budget/policies` (admin): replaces the one policy of `(surface, app)`;
 * an absent surface or app means `*` (any).
 */
export class PutBudgetPolicyDto {
  @ApiPropertyOptional({ example: 'web', default: '*' })
  @IsOptional()
  @Matches(KEY_OR_ANY, { message: keyOrAnyMessage('surface') })
  surface?: string;

  @ApiPropertyOptional({ example: 'checkout', default: '*' })
  @IsOptional()
  @Matches(KEY_OR_ANY, { message: keyOrAnyMessage('app') })
  app?: string;

  @ApiProperty({ example: '250.00' })
  @Matches(DECIMAL_FORMAT, { message: decimalMessage('threshold') })
  threshold!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_WINDOW_DAYS, example: 30 })
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  window_days!: number;

  @ApiProperty({ example: 'USD' })
  @Matches(CURRENCY_FORMAT, {
    message: 'currency must be an upper-case ISO 4217 code such as "USD"',
  })
  currency!: string;
}

/** Query of `GET /budget/policies/effective`: absent surface or app are matched as `*` only. */
export class EffectivePolicyQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('surface') })
  surface?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('app') })
  app?: string;
}

/** Query of `GET /budget/check`: the effective policy and whether `cost` (default "0") fits. */
export class BudgetCheckQueryDto extends EffectivePolicyQueryDto {
  @ApiPropertyOptional({ example: '0.05', default: '0' })
  @IsOptional()
  @Matches(DECIMAL_FORMAT, { message: decimalMessage('cost') })
  cost?: string;
}
