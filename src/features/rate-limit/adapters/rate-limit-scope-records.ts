import { num, recordReader, REVISED, text } from '../../../backends/firestore/record-schema';
import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import type { RateLimitPolicy } from '../rate-limit.types';

/**
 * The scope data of rate_limit, the same from every adapter (memory, Redis, Firestore):
 *
 * - `policies`, id = action: the {@link RateLimitPolicy} as the port returns it.
 * - `windows`, id = `{action}|{subject}`: the live sliding window log of one key
 *   ({@link RateLimitWindow}), so what was consumed in the current window still counts on
 *   the target of a move and the limit stays exact across it.
 */
export const POLICIES = 'policies';
export const WINDOWS = 'windows';

/** One allowed consumption held in a window log. */
export interface RateLimitWindowEntry {
  /** When it was allowed: microseconds since the epoch, strictly increasing along a log. */
  at_us: number;
  cost: number;
}

/** The sliding window log of one `(action, subject)` key, backend-neutral. */
export interface RateLimitWindow {
  action: string;
  /** A subject, or `*` for consumptions without one. */
  subject: string;
  /**
   * ISO-8601 UTC, whole milliseconds: when the newest entry leaves its window (newest entry +
   * the window it was allowed in). Past it the log limits nothing, so it is not exported; each
   * backend keeps its own expiry (TTL) a margin after it.
   */
  expires_at: string;
  /** Allowed consumptions, oldest first (entries already out of the window may remain). */
  entries: RateLimitWindowEntry[];
}

/** The id of a window record (also the Firestore document id of the key). */
export function windowId(action: string, subject: string): string {
  return `${action}|${subject}`;
}

/** When the newest entry at `newestUs` leaves a window of `windowUs`, in epoch ms (rounded up). */
export function windowExpiryMs(newestUs: number, windowUs: number): number {
  return Math.ceil((newestUs + windowUs) / 1000);
}

/** A policy as a scope record (read through the policy reader, so every backend gives the same fields). */
export function policyRecord(policy: RateLimitPolicy): ScopeRecord {
  return { collection: POLICIES, id: policy.action, data: readPolicy(policy) };
}

/** A window as a scope record, or null when it has expired (nothing left to carry over). */
export function windowRecord(window: RateLimitWindow, nowMs = Date.now()): ScopeRecord | null {
  if (window.entries.length === 0 || Date.parse(window.expires_at) <= nowMs) return null;
  return { collection: WINDOWS, id: windowId(window.action, window.subject), data: window };
}

/** The policy records of an import, checked. */
export function importedPolicies(records: readonly ScopeRecord[]): RateLimitPolicy[] {
  return records.filter((r) => r.collection === POLICIES).map((r) => readPolicy(r.data as object));
}

/** The window records of an import, checked. */
export function importedWindows(records: readonly ScopeRecord[]): RateLimitWindow[] {
  return records.filter((r) => r.collection === WINDOWS).map((r) => readWindow(r.data));
}

/** Reads a stored or imported policy, each field checked. */
export const readPolicy = recordReader('rate-limit policy', {
  action: text,
  limit: num,
  window_seconds: num,
  ...REVISED,
});

const readWindowFields = recordReader('rate-limit window', {
  action: text,
  subject: text,
  expires_at: text,
});

/** Reads an imported window record, each field checked. */
export function readWindow(data: unknown): RateLimitWindow {
  const fields = readWindowFields(data as object);
  if (Number.isNaN(Date.parse(fields.expires_at)))
    throw new Error(`rate-limit window ${fields.action}|${fields.subject}: expires_at is no time`);
  const entries = (data as { entries?: unknown }).entries;
  if (!Array.isArray(entries) || !entries.every(isEntry))
    throw new Error(
      `rate-limit window ${fields.action}|${fields.subject}: entries must be a list of { at_us, cost } integers`,
    );
  return { ...fields, entries: entries.map((e) => ({ at_us: e.at_us, cost: e.cost })) };
}

function isEntry(value: unknown): value is RateLimitWindowEntry {
  const entry = value as Partial<RateLimitWindowEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    Number.isSafeInteger(entry.at_us) &&
    Number.isSafeInteger(entry.cost)
  );
}
