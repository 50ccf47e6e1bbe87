import { RegistryStore } from '../store/registry-store';
import { compareScope, copyScope, firstRecord, type ScopeDifference } from './move-copier';
import type { MoveEndpoints } from './move-endpoints';
import type { MoveHandle } from './move-handle';
import type { MoveMetrics } from './move-metrics';
import { scopesCovered } from './move-scopes';
import { moveKey, parseMoveScope, type MoveScope } from './move.types';

/**
 * The data steps of a move, run by `MoveRunner` while it holds the lease: re-listing a
 * tenant-wide move's scopes once frozen, copying and verifying. Progress is saved through
 * the move's handle (each save also checks the lease and an abort request).
 */

/** A copy that does not match its source: the move fails and the route stays. */
class VerificationFailed extends Error {
  constructor(scope: string, d: ScopeDifference) {
    super(
      `verification failed for ${scope}: ${d.source_records} records on the source, ${d.target_records} on the target` +
        (d.differing.length > 0
          ? `; missing or different on the target: ${d.differing.join(', ')}`
          : '') +
        (d.extra.length > 0 ? `; only on the target: ${d.extra.join(', ')}` : ''),
    );
  }
}

/**
 * A tenant-wide move lists its scopes again once frozen: a project that got its first
 * record after the plan (or while a lapsed lease let writes through before a resume) is
 * covered by the route too, and must move with it. A new scope must be empty on the target.
 */
export async function addScopesSincePlan(
  handle: MoveHandle,
  endpoints: MoveEndpoints,
  store: RegistryStore,
): Promise<void> {
  const move = handle.current;
  if (move.project_id !== null) return;
  const routes = (await store.load()).routes.filter((r) => r.env === move.env);
  const known = new Set(move.scopes.map((s) => s.scope));
  const added = (await scopesCovered(moveKey(move), endpoints.source, routes)).filter(
    (s) => !known.has(s.toString()),
  );
  if (added.length === 0) return;
  for (const scope of added) {
    const found = await firstRecord(endpoints.target, scope);
    if (found !== null)
      throw new Error(
        `the target already holds ${move.resource_kind} records at ${scope.toString()} (for example ${found.collection}/${found.id}), a scope that got records after the move was planned`,
      );
  }
  await handle.update((m) => ({
    scopes: [
      ...m.scopes,
      ...added.map((s) => ({
        scope: s.toString(),
        records: 0,
        bytes: 0,
        copied: 0,
        verified: 0,
      })),
    ],
  }));
}

/** Copies every scope; returns each scope's source digests, for verification. */
export async function copyScopes(
  handle: MoveHandle,
  endpoints: MoveEndpoints,
  timeoutMs: number,
  metrics: MoveMetrics,
): Promise<Map<string, string>[]> {
  const progress = new ScopeProgressLog(handle);
  const digests: Map<string, string>[] = [];
  for (const [i, text] of progress.scopes.map((s) => s.scope).entries()) {
    const total = await copyScope(
      endpoints.source,
      endpoints.target,
      parseMoveScope(text),
      timeoutMs,
      (p) => progress.set(i, { copied: p.records }),
    );
    digests.push(total.digests);
    await progress.set(i, { copied: total.records, records: total.records, bytes: total.bytes });
    const kind = handle.current.resource_kind;
    metrics.recordsCopied.inc({ resource_kind: kind }, total.records);
    metrics.bytesCopied.inc({ resource_kind: kind }, total.bytes);
  }
  await progress.save();
  return digests;
}

/**
 * Compares the target with the digests the copy took of the frozen source (the source
 * cannot have changed since: the lease has held throughout, or this step would not run).
 */
export async function verifyScopes(
  handle: MoveHandle,
  endpoints: MoveEndpoints,
  digests: Map<string, string>[],
): Promise<void> {
  const progress = new ScopeProgressLog(handle);
  for (const [i, text] of progress.scopes.map((s) => s.scope).entries()) {
    const { verified, difference } = await compareScope(
      digests[i] ?? new Map<string, string>(),
      endpoints.target,
      parseMoveScope(text),
      (count) => progress.set(i, { verified: count }),
    );
    if (difference !== null) throw new VerificationFailed(text, difference);
    await progress.set(i, { verified });
  }
  await progress.save();
}

/** How often progress is saved at most (a move of many small scopes would write per scope). */
const PROGRESS_EVERY_MS = 1000;

/**
 * Per-scope progress kept here and saved to the stored move at most every
 * {@link PROGRESS_EVERY_MS} (and at the end of a phase). Each save is also the runner's
 * check for an abort request and of its lease.
 */
class ScopeProgressLog {
  readonly scopes: MoveScope[];
  private savedAt = Date.now();

  constructor(private readonly handle: MoveHandle) {
    this.scopes = handle.current.scopes.map((s) => ({ ...s }));
  }

  async set(index: number, change: Partial<MoveScope>): Promise<void> {
    this.scopes[index] = { ...(this.scopes[index] as MoveScope), ...change };
    if (Date.now() - this.savedAt >= PROGRESS_EVERY_MS) await this.save();
  }

  async save(): Promise<void> {
    const scopes = this.scopes.map((s) => ({ ...s }));
    await this.handle.update(() => ({
      scopes,
      records_copied: scopes.reduce((n, s) => n + s.copied, 0),
      bytes_copied: scopes.reduce((n, s) => n + s.bytes, 0),
    }));
    this.savedAt = Date.now();
  }
}
