import type { DocumentData } from '@google-cloud/firestore';
import {
  bool,
  CREATED,
  instant,
  num,
  oneOf,
  optionalText,
  recordReader,
  text,
  texts,
} from '../../../backends/firestore/record-schema';
import {
  BLEND_MODES,
  TRACK_KINDS,
  TRANSITION_TYPES,
  type TimelineRecords,
  type TimelineRecordType,
} from '../timeline.types';

/** Fields of every timeline record. */
const BASE = { id: text, version: num, ...CREATED, updated_at: instant };

/** How each record type is read from its stored document. */
const READERS: { [T in TimelineRecordType]: (data: DocumentData) => TimelineRecords[T] } = {
  project: recordReader('timeline project', {
    ...BASE,
    name: text,
    description: text,
    sequence_ids: texts,
  }),
  sequence: recordReader('timeline sequence', {
    ...BASE,
    timeline_project_id: text,
    name: text,
    fps: num,
    width: num,
    height: num,
    track_ids: texts,
    transition_ids: texts,
  }),
  track: recordReader('timeline track', {
    ...BASE,
    sequence_id: text,
    name: text,
    kind: oneOf(TRACK_KINDS),
    muted: bool,
    clip_ids: texts,
  }),
  clip: recordReader('timeline clip', {
    ...BASE,
    track_id: text,
    sequence_id: text,
    asset_id: text,
    in_ms: num,
    out_ms: num,
    start_ms: num,
    speed: num,
    volume_db: num,
    opacity: num,
    blend_mode: oneOf(BLEND_MODES),
  }),
  transition: recordReader('timeline transition', {
    ...BASE,
    sequence_id: text,
    type: oneOf(TRANSITION_TYPES),
    duration_ms: num,
    from_clip_id: optionalText,
    to_clip_id: optionalText,
  }),
};

/** Reads a stored timeline record of `type` (every field checked). */
export function toTimelineRecord<T extends TimelineRecordType>(
  type: T,
  data: DocumentData,
): TimelineRecords[T] {
  return READERS[type](data);
}
