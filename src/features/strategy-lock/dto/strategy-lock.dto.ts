import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MaxJsonBytes } from '../../../common/validation/size.validators';
import { IsTimestamp } from '../../../common/validation/timestamp.validators';
import { IsNameId, IsOmittable, NAME_ID_FORMAT } from '../../../common/validation/validators';
import {
  ACTION_FORMAT,
  LOCK_SCOPES,
  MAX_ALLOWED_ACTIONS,
  MAX_CONSTRAINTS_BYTES,
  type LockScope,
  type NewStrategyLock,
  type StrategyLockChanges,
} from '../strategy-lock.types';

const ACTION_OR_ANY = new RegExp(`^(?:\\*|${ACTION_FORMAT.source.slice(1, -1)})$`);

/** The checks of each field, shared by create and update. */
const Field = {
  scope: () => IsIn(LOCK_SCOPES),
  title: () => applyDecorators(IsString(), MinLength(1), MaxLength(200)),
  description: () => applyDecorators(IsString(), MaxLength(4000)),
  constraints: () => applyDecorators(IsObject(), MaxJsonBytes(MAX_CONSTRAINTS_BYTES)),
  allowedActions: () =>
    applyDecorators(
      IsArray(),
      ArrayMinSize(1),
      ArrayMaxSize(MAX_ALLOWED_ACTIONS),
      Matches(ACTION_OR_ANY, {
        each: true,
        message: `each allowed action must be "*" or match ${ACTION_FORMAT.source}`,
      }),
    ),
};

const DOCS: Record<'surface' | 'constraints' | 'allowedActions', ApiPropertyOptions> = {
  surface: {
    type: String,
    pattern: NAME_ID_FORMAT.source,
    description: 'Omit (or null in PATCH) for a lock that applies to every surface.',
  },
  constraints: {
    type: 'object',
    additionalProperties: true,
    description: `At most ${MAX_CONSTRAINTS_BYTES} bytes as JSON.`,
  },
  allowedActions: {
    type: [String],
    maxItems: MAX_ALLOWED_ACTIONS,
    description: `Action names (${ACTION_FORMAT.source}) or "*" for any.`,
  },
};

/** Body of `POST /strategy-locks`: a new draft. */
export class CreateStrategyLockDto implements NewStrategyLock {
  @ApiPropertyOptional(DOCS.surface) @IsOptional() @IsNameId() surface?: string;
  @ApiProperty({ enum: LOCK_SCOPES }) @Field.scope() scope!: LockScope;
  @ApiProperty({ maxLength: 200 }) @Field.title() title!: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @Field.description() description?: string;
  @ApiPropertyOptional(DOCS.constraints) @IsOptional() @Field.constraints() constraints?: Record<
    string,
    unknown
  >;
  @ApiProperty(DOCS.allowedActions) @Field.allowedActions() allowed_actions!: string[];
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now.' })
  @IsOptional()
  @IsTimestamp()
  valid_from?: string;
  @ApiProperty({ format: 'date-time', description: 'Later than valid_from, in the future.' })
  @IsTimestamp()
  valid_until!: string;
}

/** Body of `PATCH /strategy-locks/:id`: only the fields to change. Only `surface` may be null. */
export class UpdateStrategyLockDto implements StrategyLockChanges {
  @ApiPropertyOptional({ ...DOCS.surface, nullable: true })
  @IsOptional()
  @IsNameId()
  surface?: string | null;
  @ApiPropertyOptional({ enum: LOCK_SCOPES }) @IsOmittable() @Field.scope() scope?: LockScope;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOmittable() @Field.title() title?: string;
  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOmittable()
  @Field.description()
  description?: string;
  @ApiPropertyOptional(DOCS.constraints) @IsOmittable() @Field.constraints() constraints?: Record<
    string,
    unknown
  >;
  @ApiPropertyOptional(DOCS.allowedActions)
  @IsOmittable()
  @Field.allowedActions()
  allowed_actions?: string[];
  @ApiPropertyOptional({ format: 'date-time' }) @IsOmittable() @IsTimestamp() valid_from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOmittable() @IsTimestamp() valid_until?: string;
}
