/** The resource kind this module declares in the routing registry. */
export const FEATURE_FLAGS_KIND = 'feature_flags';

export const REPLAY_MODES = ['off', 'keyframe', 'stream'] as const;
export const VISIBILITY_MODES = ['private', 'team', 'public'] as const;
export type ReplayMode = (typeof REPLAY_MODES)[number];
export type VisibilityMode = (typeof VISIBILITY_MODES)[number];
export type CustomFlagValue = boolean | number | string;

/** A complete set of flags (a stored level always holds every flag). */
export interface FlagValues {
  ws_enabled: boolean;
  sse_enabled: boolean;
  gesture_logging: boolean;
  replay_mode: ReplayMode;
  visibility_mode: VisibilityMode;
  /** At most {@link MAX_CUSTOM_FLAGS} keys. */
  custom: Record<string, CustomFlagValue>;
}

export const MAX_CUSTOM_FLAGS = 100;

/** Built-in defaults, used when no level has a document. */
export const DEFAULT_FLAGS: Readonly<FlagValues> = Object.freeze({
  ws_enabled: false,
  sse_enabled: false,
  gesture_logging: false,
  replay_mode: 'off',
  visibility_mode: 'private',
  custom: {},
});

/** The flags stored at one level (one scope). */
export interface FlagDocument {
  flags: FlagValues;
  version: number;
  updated_at: string;
  updated_by: string;
}

/** Where effective flags came from, most specific first. */
export type FlagSource = 'project' | 'tenant' | 'system' | 'default';

/** What `GET /feature-flags` answers. */
export interface EffectiveFlags {
  flags: FlagValues;
  source: FlagSource;
  version: number | null;
  updated_at: string | null;
}
