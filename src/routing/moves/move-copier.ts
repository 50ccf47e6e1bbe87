import {
  canonicalJson,
  recordDigest,
  recordKey,
  type ScopeData,
  type ScopeRecord,
} from '../../common/scope-data/scope-data';
import type { Scope } from '../../common/scope/scope';
import { withTimeout } from '../../backends/with-timeout';

/** Records written to the target per import call. */
export const MOVE_BATCH = 500;

/** What a copy or a verification has done so far, reported after every batch. */
export interface ScopeProgress {
  records: number;
  bytes: number;
}

/** A copy's outcome: its figures and the digest of every record it read from the source. */
export interface ScopeCopy extends ScopeProgress {
  /** `collection/id` → SHA-256 of the record as exported (what verification expects). */
  digests: Map<string, string>;
}

/** The size a record counts for in progress figures: its JSON plus its body. */
export function recordBytes(record: ScopeRecord): number {
  return canonicalJson(record.data ?? null).length + (record.body?.byteLength ?? 0);
}

/**
 * Copies every record of `scope` from `source` to `target` in batches of {@link MOVE_BATCH},
 * in export order, each import bounded by `timeoutMs`. `onBatch` runs after every batch (the
 * runner saves progress and checks its lease there; throwing stops the copy).
 */
export async function copyScope(
  source: ScopeData,
  target: ScopeData,
  scope: Scope,
  timeoutMs: number,
  onBatch: (progress: ScopeProgress) => Promise<void>,
): Promise<ScopeCopy> {
  const progress: ScopeProgress = { records: 0, bytes: 0 };
  const digests = new Map<string, string>();
  let batch: ScopeRecord[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await withTimeout(target.importRecords(scope, batch), timeoutMs, 'the move target');
    progress.records += batch.length;
    progress.bytes += batch.reduce((sum, r) => sum + recordBytes(r), 0);
    batch = [];
    await onBatch(progress);
  };
  for await (const record of source.exportScope(scope)) {
    digests.set(recordKey(record), recordDigest(record));
    batch.push(record);
    if (batch.length >= MOVE_BATCH) await flush();
  }
  await flush();
  return { ...progress, digests };
}

/** Records and bytes of a scope on one side (a dry run's figures). */
export async function measureScope(data: ScopeData, scope: Scope): Promise<ScopeProgress> {
  const progress: ScopeProgress = { records: 0, bytes: 0 };
  for await (const record of data.exportScope(scope)) {
    progress.records += 1;
    progress.bytes += recordBytes(record);
  }
  return progress;
}

/** The first record of a scope on one side, or null when it holds none. */
export async function firstRecord(data: ScopeData, scope: Scope): Promise<ScopeRecord | null> {
  for await (const record of data.exportScope(scope)) return record;
  return null;
}

/** How the two sides of a scope differ after a copy (empty lists when they agree). */
export interface ScopeDifference {
  source_records: number;
  target_records: number;
  /** `collection/id` of records missing on the target, or on it with other content. */
  differing: string[];
  /** `collection/id` of records on the target that the source does not have. */
  extra: string[];
}

/** How many differing keys a verification names (the counts say how many there are). */
const NAMED_DIFFERENCES = 10;

/** The digest of every record of a scope on one side (`collection/id` → SHA-256). */
export async function digestScope(data: ScopeData, scope: Scope): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for await (const record of data.exportScope(scope))
    digests.set(recordKey(record), recordDigest(record));
  return digests;
}

/**
 * Compares the target's copy of a scope with the source's digests (taken while the copy read
 * the frozen source, or by {@link digestScope}): the record counts and the SHA-256 digest of
 * every record (collection, id, canonical data and body bytes). `onProgress` reports every
 * {@link MOVE_BATCH} records matched.
 */
export async function compareScope(
  expected: ReadonlyMap<string, string>,
  target: ScopeData,
  scope: Scope,
  onProgress: (verified: number) => Promise<void>,
): Promise<{ verified: number; difference: ScopeDifference | null }> {
  const differing: string[] = [];
  const extra: string[] = [];
  let verified = 0;
  let targetRecords = 0;
  const seen = new Set<string>();
  for await (const record of target.exportScope(scope)) {
    targetRecords += 1;
    const key = recordKey(record);
    seen.add(key);
    const digest = expected.get(key);
    if (digest === undefined) extra.push(key);
    else if (digest !== recordDigest(record)) differing.push(key);
    else if ((verified += 1) % MOVE_BATCH === 0) await onProgress(verified);
  }
  for (const key of expected.keys()) if (!seen.has(key)) differing.push(key);
  await onProgress(verified);
  const same = differing.length === 0 && extra.length === 0 && targetRecords === expected.size;
  return {
    verified,
    difference: same
      ? null
      : {
          source_records: expected.size,
          target_records: targetRecords,
          differing: differing.slice(0, NAMED_DIFFERENCES),
          extra: extra.slice(0, NAMED_DIFFERENCES),
        },
  };
}
