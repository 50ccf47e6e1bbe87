import { ApiProperty } from '@nestjs/swagger';
import type { ClipEditResult } from '../timeline-clip-edits.service';
import {
  BLEND_MODES,
  TRACK_KINDS,
  TRANSITION_TYPES,
  type BlendMode,
  type Clip,
  type Sequence,
  type TimelineProject,
  type TimelineRecordBase,
  type Track,
  type TrackKind,
  type Transition,
  type TransitionType,
} from '../timeline.types';

const nullableId = { type: String, nullable: true } as const;

/** Fields every timeline record has. */
abstract class TimelineRecordDto implements TimelineRecordBase {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class TimelineProjectDto extends TimelineRecordDto implements TimelineProject {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) sequence_ids!: string[];
}

export class SequenceDto extends TimelineRecordDto implements Sequence {
  @ApiProperty() timeline_project_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() fps!: number;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
  @ApiProperty({ type: [String] }) track_ids!: string[];
  @ApiProperty({ type: [String] }) transition_ids!: string[];
}

export class TrackDto extends TimelineRecordDto implements Track {
  @ApiProperty() sequence_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TRACK_KINDS }) kind!: TrackKind;
  @ApiProperty() muted!: boolean;
  @ApiProperty({ type: [String] }) clip_ids!: string[];
}

export class ClipDto extends TimelineRecordDto implements Clip {
  @ApiProperty() track_id!: string;
  @ApiProperty() sequence_id!: string;
  @ApiProperty() asset_id!: string;
  @ApiProperty() in_ms!: number;
  @ApiProperty() out_ms!: number;
  @ApiProperty() start_ms!: number;
  @ApiProperty() speed!: number;
  @ApiProperty() volume_db!: number;
  @ApiProperty() opacity!: number;
  @ApiProperty({ enum: BLEND_MODES }) blend_mode!: BlendMode;
}

export class TransitionDto extends TimelineRecordDto implements Transition {
  @ApiProperty() sequence_id!: string;
  @ApiProperty({ enum: TRANSITION_TYPES }) type!: TransitionType;
  @ApiProperty() duration_ms!: number;
  @ApiProperty({ ...nullableId, description: 'null: fades in from nothing.' })
  from_clip_id!: string | null;
  @ApiProperty({ ...nullableId, description: 'null: fades out to nothing.' })
  to_clip_id!: string | null;
}

/** Answer of trim and move: the edited clip and the clips the ripple shifted. */
export class ClipEditResultDto implements ClipEditResult {
  @ApiProperty({ type: ClipDto }) clip!: ClipDto;
  @ApiProperty({ type: [ClipDto] }) shifted!: ClipDto[];
}

/** Answer of split: `left` keeps the id, `right` is new. */
export class ClipSplitResultDto {
  @ApiProperty({ type: ClipDto }) left!: ClipDto;
  @ApiProperty({ type: ClipDto }) right!: ClipDto;
}
