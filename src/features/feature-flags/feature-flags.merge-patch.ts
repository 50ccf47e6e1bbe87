import { ValidationFailedError } from '../../common/errors/domain.error';
import {
  DEFAULT_FLAGS,
  MAX_CUSTOM_FLAGS,
  type CustomFlagValue,
  type FlagValues,
} from './feature-flags.types';

/** A JSON Merge Patch (RFC 7396) of a flags document: null removes (back to the default). */
export type FlagsPatch = {
  [K in Exclude<keyof FlagValues, 'custom'>]?: FlagValues[K] | null;
} & { custom?: Record<string, CustomFlagValue | null> | null };

/**
 * Applies `patch` to `current` the RFC 7396 way: members not named stay as they are, a
 * member set to null is removed (a built-in flag goes back to its default, a custom key is
 * dropped), `custom` is merged key by key. More than {@link MAX_CUSTOM_FLAGS} custom keys
 * after the merge is `400 validation.failed`.
 */
export function applyFlagsPatch(current: FlagValues, patch: FlagsPatch): FlagValues {
  const next: FlagValues = { ...structuredClone(current) };
  const defaults = structuredClone(DEFAULT_FLAGS) as FlagValues;
  for (const key of Object.keys(patch) as (keyof FlagsPatch)[]) {
    if (key === 'custom') continue;
    const value = patch[key];
    if (value === undefined) continue;
    Object.assign(next, { [key]: value === null ? defaults[key] : value });
  }
  if (patch.custom === null) next.custom = {};
  else if (patch.custom !== undefined) next.custom = mergeCustom(next.custom, patch.custom);
  return next;
}

function mergeCustom(
  current: Record<string, CustomFlagValue>,
  patch: Record<string, CustomFlagValue | null>,
): Record<string, CustomFlagValue> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  const count = Object.keys(merged).length;
  if (count > MAX_CUSTOM_FLAGS) {
    throw new ValidationFailedError([
      {
        field: 'custom',
        problems: [
          `the patch leaves ${count} custom flags; at most ${MAX_CUSTOM_FLAGS} are allowed: remove some (set them to null)`,
        ],
      },
    ]);
  }
  return merged;
}
