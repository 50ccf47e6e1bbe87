/** The resource kind this module declares in the routing registry. */
export const TIMELINE_KIND = 'timeline';

export const TRACK_KINDS = ['video', 'audio'] as const;
export type TrackKind = (typeof TRACK_KINDS)[number];

export const BLEND_MODES = [
  'normal',
  'multiply',
  'screen',
  'overlay',
  'darken',
  'lighten',
  'add',
  'difference',
] as const;
export type BlendMode = (typeof BLEND_MODES)[number];

export const TRANSITION_TYPES = [
  'crossfade',
  'dip_to_black',
  'dip_to_white',
  'wipe_left',
  'wipe_right',
  'none',
] as const;
export type TransitionType = (typeof TRANSITION_TYPES)[number];

/**
 * How many children a parent may hold. They bound every transaction (a ripple across two
 * full tracks writes at most 2 × clipsPerTrack + 3 documents) and every child listing.
 */
export const TIMELINE_LIMITS = {
  sequencesPerProject: 100,
  tracksPerSequence: 50,
  clipsPerTrack: 200,
  transitionsPerSequence: 200,
} as const;

/** Largest time value a client may send (24 h in milliseconds). */
export const MAX_TIME_MS = 86_400_000;
/** Longest transition (10 minutes). */
export const MAX_TRANSITION_MS = 600_000;
export const SPEED_RANGE = { min: 0.1, max: 16 } as const;
export const VOLUME_DB_RANGE = { min: -96, max: 12 } as const;

/**
 * Fields every timeline record has. `version` and `updated_at` change when the record's own
 * fields change; the child id lists a parent holds are kept by the server and change neither.
 */
export interface TimelineRecordBase {
  id: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** A video project (not the routing scope's project): its sequences, ids sorted ascending. */
export interface TimelineProject extends TimelineRecordBase {
  name: string;
  description: string;
  sequence_ids: string[];
}

export interface Sequence extends TimelineRecordBase {
  timeline_project_id: string;
  name: string;
  fps: number;
  width: number;
  height: number;
  /** Creation order (ids ascending), which is also layer order. */
  track_ids: string[];
  transition_ids: string[];
}

export interface Track extends TimelineRecordBase {
  sequence_id: string;
  name: string;
  kind: TrackKind;
  muted: boolean;
  clip_ids: string[];
}

/**
 * A span of an asset placed on a track. `in_ms`/`out_ms` select the source range;
 * `start_ms` is where it begins on the timeline; it lasts `round((out_ms - in_ms) / speed)`.
 */
export interface Clip extends TimelineRecordBase {
  track_id: string;
  sequence_id: string;
  asset_id: string;
  in_ms: number;
  out_ms: number;
  start_ms: number;
  speed: number;
  volume_db: number;
  opacity: number;
  blend_mode: BlendMode;
}

/** A transition from one clip (outgoing) to another (incoming); null on one side fades from/to nothing. */
export interface Transition extends TimelineRecordBase {
  sequence_id: string;
  type: TransitionType;
  duration_ms: number;
  from_clip_id: string | null;
  to_clip_id: string | null;
}

/** Every record type, by name. */
export interface TimelineRecords {
  project: TimelineProject;
  sequence: Sequence;
  track: Track;
  clip: Clip;
  transition: Transition;
}
export type TimelineRecordType = keyof TimelineRecords;
export type TimelineChildType = Exclude<TimelineRecordType, 'project'>;

/** The top-level field that names a child's parent (children are queried by it). */
export const PARENT_FIELD = {
  sequence: 'timeline_project_id',
  track: 'sequence_id',
  clip: 'track_id',
  transition: 'sequence_id',
} as const satisfies { [T in TimelineChildType]: keyof TimelineRecords[T] };

/** Names used in messages. */
export const RECORD_NAMES: Record<TimelineRecordType, string> = {
  project: 'Timeline project',
  sequence: 'Sequence',
  track: 'Track',
  clip: 'Clip',
  transition: 'Transition',
};
