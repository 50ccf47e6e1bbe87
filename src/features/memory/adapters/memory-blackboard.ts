import type { VersionedWrite } from '../../../backends/revision';
import { isLive } from '../memory-records';
import { MemoryVersionConflictError } from '../memory.errors';
import type { Blackboard } from '../memory.types';

/** What a blackboard put stores: the value and when it expires (null: never). */
export interface BlackboardValue {
  data: unknown;
  expiresAt: string | null;
}

/**
 * The entry a put stores at `now`, given the stored one (or null), for both adapters. An
 * expired entry counts as absent for `If-Match` (conflict unless no version is expected),
 * yet the version counts on from it, so a version once handed out is not handed out again.
 */
export function reviseBlackboard(
  stored: Blackboard | null,
  key: string,
  value: BlackboardValue,
  write: VersionedWrite,
  now: Date,
): Blackboard {
  const liveVersion = stored !== null && isLive(stored, now) ? stored.version : null;
  if (write.expectedVersion !== undefined && write.expectedVersion !== liveVersion) {
    throw new MemoryVersionConflictError(write.expectedVersion, liveVersion);
  }
  return {
    key,
    data: value.data,
    expires_at: value.expiresAt,
    version: (stored?.version ?? 0) + 1,
    updated_at: now.toISOString(),
    updated_by: write.actor,
  };
}
