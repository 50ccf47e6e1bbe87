import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsFlatMetadata } from '../../../common/validation/metadata.validator';
import {
  BUDGET_KEY_FORMAT,
  budgetKeyMessage,
  decimalMessage,
  CURRENCY_FORMAT,
  DECIMAL_FORMAT,
  MAX_EVENTS_PER_POST,
  MODEL_FORMAT,
  TOOL_ID_FORMAT,
  type UsageMetadata,
} from '../budget.types';

const MAX_TOKENS = 1_000_000_000;

/** One usage event. `cost` is a decimal string so money is never a float. */
export class UsageEventDto {
  @ApiProperty({ example: 'openai' })
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('provider') })
  provider!: string;

  @ApiProperty({ example: 'gpt-4o-mini' })
  @Matches(MODEL_FORMAT, { message: `model must match ${MODEL_FORMAT.source}` })
  model!: string;

  @ApiProperty({ example: 'web' })
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('surface') })
  surface!: string;

  @ApiPropertyOptional({
    example: 'checkout',
    description: 'Lets per-app policies count this spend.',
  })
  @IsOptional()
  @Matches(BUDGET_KEY_FORMAT, { message: budgetKeyMessage('app') })
  app?: string;

  @ApiPropertyOptional({ example: 'search' })
  @IsOptional()
  @Matches(TOOL_ID_FORMAT, { message: `tool_id must match ${TOOL_ID_FORMAT.source}` })
  tool_id?: string;

  @ApiPropertyOptional({ default: 0, maximum: MAX_TOKENS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TOKENS)
  tokens_input?: number;

  @ApiPropertyOptional({ default: 0, maximum: MAX_TOKENS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TOKENS)
  tokens_output?: number;

  @ApiProperty({ example: '0.0125' })
  @Matches(DECIMAL_FORMAT, { message: decimalMessage('cost') })
  cost!: string;

  @ApiProperty({ example: 'USD' })
  @Matches(CURRENCY_FORMAT, {
    message: 'currency must be an upper-case ISO 4217 code such as "USD"',
  })
  currency!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsFlatMetadata()
  metadata?: UsageMetadata;
}

/**
 * Body of `POST /budget/usage` (member): always `{ "events": [...] }` with 1..500 events,
 * stored all or none. Send one event as a list of one.
 */
export class RecordUsageDto {
  @ApiProperty({ type: [UsageEventDto], minItems: 1, maxItems: MAX_EVENTS_PER_POST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS_PER_POST)
  @ValidateNested({ each: true })
  @Type(() => UsageEventDto)
  events!: UsageEventDto[];
}
