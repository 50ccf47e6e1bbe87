import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  ACTION_FORMAT,
  MAX_POLICY_LIMIT,
  MAX_WINDOW_SECONDS,
  SUBJECT_FORMAT,
} from '../rate-limit.types';

const ACTION_MESSAGE = `action must be 1 to 64 lower-case letters, digits or "_ . : -", starting with a letter or digit (${ACTION_FORMAT.source})`;
const SUBJECT_MESSAGE = `subject must be 1 to 128 letters, digits or "_ . : @ + -" (${SUBJECT_FORMAT.source})`;

/** Path of `/rate-limit/policies/:action`. */
export class ActionParamDto {
  @ApiProperty({ pattern: ACTION_FORMAT.source })
  @IsString()
  @Matches(ACTION_FORMAT, { message: ACTION_MESSAGE })
  action!: string;
}

/** Body of `PUT /rate-limit/policies/:action`: the whole policy. */
export class PutRateLimitPolicyDto {
  @ApiProperty({
    minimum: 1,
    maximum: MAX_POLICY_LIMIT,
    description: 'Units allowed in any sliding window.',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_POLICY_LIMIT)
  limit!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_WINDOW_SECONDS })
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_SECONDS)
  window_seconds!: number;
}

/** Body of `POST /rate-limit/consume`. Without `subject` the whole scope shares the action's limit. */
export class ConsumeDto {
  @ApiProperty({ pattern: ACTION_FORMAT.source })
  @IsString()
  @Matches(ACTION_FORMAT, { message: ACTION_MESSAGE })
  action!: string;

  @ApiPropertyOptional({
    pattern: SUBJECT_FORMAT.source,
    description: 'Who consumes (user, API key, IP…); omit for a scope-wide limit.',
  })
  @IsOptional()
  @IsString()
  @Matches(SUBJECT_FORMAT, { message: SUBJECT_MESSAGE })
  subject?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_POLICY_LIMIT, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_POLICY_LIMIT)
  cost?: number;
}
