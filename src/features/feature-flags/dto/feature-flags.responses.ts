import { ApiProperty } from '@nestjs/swagger';
import {
  REPLAY_MODES,
  VISIBILITY_MODES,
  type CustomFlagValue,
  type EffectiveFlags,
  type FlagDocument,
  type FlagSource,
  type FlagValues,
  type ReplayMode,
  type VisibilityMode,
} from '../feature-flags.types';
import type { WritableLevel } from '../feature-flags.service';

/** Every flag of a level (a stored level always holds every flag). */
export class FlagValuesDto implements FlagValues {
  @ApiProperty() ws_enabled!: boolean;
  @ApiProperty() sse_enabled!: boolean;
  @ApiProperty() gesture_logging!: boolean;
  @ApiProperty({ enum: REPLAY_MODES }) replay_mode!: ReplayMode;
  @ApiProperty({ enum: VISIBILITY_MODES }) visibility_mode!: VisibilityMode;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string' }] },
  })
  custom!: Record<string, CustomFlagValue>;
}

/** Answer of `PUT` and `PATCH /feature-flags`: the level's stored document. */
export class FlagDocumentDto implements FlagDocument {
  @ApiProperty({ type: FlagValuesDto }) flags!: FlagValuesDto;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
  @ApiProperty({ enum: ['project', 'tenant'] }) level!: WritableLevel;
}

/** Answer of `GET /feature-flags`. */
export class EffectiveFlagsDto implements EffectiveFlags {
  @ApiProperty({ type: FlagValuesDto }) flags!: FlagValuesDto;
  @ApiProperty({ enum: ['project', 'tenant', 'system', 'default'] }) source!: FlagSource;
  @ApiProperty({ type: Number, nullable: true, description: 'null when source is default.' })
  version!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updated_at!: string | null;
}
