import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import {
  MAX_CUSTOM_FLAGS,
  REPLAY_MODES,
  VISIBILITY_MODES,
  type CustomFlagValue,
  type ReplayMode,
  type VisibilityMode,
} from '../feature-flags.types';

const CUSTOM_KEY = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const MAX_STRING_VALUE = 256;

/**
 * `custom`: at most 100 keys, each `[a-z0-9_.-]`, values bool, finite number or short string
 * (or null in a merge patch, where null removes the key).
 */
function IsCustomFlags(allowNull: boolean, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCustomFlags',
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length <= MAX_CUSTOM_FLAGS &&
            entries.every(
              ([k, v]) =>
                CUSTOM_KEY.test(k) &&
                ((allowNull && v === null) ||
                  typeof v === 'boolean' ||
                  (typeof v === 'number' && Number.isFinite(v)) ||
                  (typeof v === 'string' && v.length <= MAX_STRING_VALUE)),
            )
          );
        },
        defaultMessage: () =>
          `custom must map at most ${MAX_CUSTOM_FLAGS} keys (${CUSTOM_KEY.source}) to booleans, numbers or strings of at most ${MAX_STRING_VALUE} characters${allowNull ? ' (null removes a key)' : ''}`,
      },
    },
    options,
  );
}

/**
 * Body of `PUT /feature-flags`: the level's whole document. PUT replaces: every flag not sent
 * takes its default (use `PATCH` to change some flags and keep the others).
 */
export class PutFeatureFlagsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() ws_enabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() sse_enabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() gesture_logging?: boolean;
  @ApiPropertyOptional({ enum: REPLAY_MODES })
  @IsOptional()
  @IsIn(REPLAY_MODES)
  replay_mode?: ReplayMode;
  @ApiPropertyOptional({ enum: VISIBILITY_MODES })
  @IsOptional()
  @IsIn(VISIBILITY_MODES)
  visibility_mode?: VisibilityMode;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  @IsCustomFlags(false)
  custom?: Record<string, CustomFlagValue>;
}

const nullable = { nullable: true, description: 'null: back to the default.' } as const;

/**
 * Body of `PATCH /feature-flags`, a JSON Merge Patch (RFC 7396): only the flags sent change;
 * null puts a flag back to its default; `custom` is merged key by key (null drops a key).
 */
export class PatchFeatureFlagsDto {
  @ApiPropertyOptional({ type: Boolean, ...nullable })
  @IsOptional()
  @IsBoolean()
  ws_enabled?: boolean | null;
  @ApiPropertyOptional({ type: Boolean, ...nullable })
  @IsOptional()
  @IsBoolean()
  sse_enabled?: boolean | null;
  @ApiPropertyOptional({ type: Boolean, ...nullable })
  @IsOptional()
  @IsBoolean()
  gesture_logging?: boolean | null;
  @ApiPropertyOptional({ enum: REPLAY_MODES, ...nullable })
  @IsOptional()
  @IsIn(REPLAY_MODES)
  replay_mode?: ReplayMode | null;
  @ApiPropertyOptional({ enum: VISIBILITY_MODES, ...nullable })
  @IsOptional()
  @IsIn(VISIBILITY_MODES)
  visibility_mode?: VisibilityMode | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Merged key by key; a key set to null is removed; null removes every key.',
  })
  @IsOptional()
  @IsObject()
  @IsCustomFlags(true)
  custom?: Record<string, CustomFlagValue | null> | null;
}

/** Query of `PUT` and `PATCH /feature-flags`. */
export class FlagLevelQueryDto {
  @ApiPropertyOptional({ enum: ['project', 'tenant'], default: 'project' })
  @IsOptional()
  @IsIn(['project', 'tenant'])
  level?: 'project' | 'tenant';
}
