import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

/** The deterministic id source of one idempotent request (see {@link runWithIdSeed}). */
interface IdSeed {
  /** Milliseconds of the first attempt: the time part of every id the request makes. */
  readonly timeMs: number;
  /** 79 bits derived from the seed; the n-th id of the request adds n. */
  readonly base: bigint;
  next: bigint;
}

const seeds = new AsyncLocalStorage<IdSeed>();

/**
 * Runs `work` so that every `newSortableId()` it makes (directly or in anything it awaits)
 * is derived from `seed` and `timeMs` instead of the clock and randomness: the n-th id of a
 * re-execution equals the n-th id of the first attempt. An idempotent request whose first
 * attempt ended without a known outcome (a timeout whose write may still land) is executed
 * again this way, so it writes the same records instead of new ones.
 *
 * `seed` must be unique per request (tenant and Idempotency-Key); ids stay unique across
 * requests because 79 of their bits come from a hash of it.
 */
export function runWithIdSeed<T>(seed: string, timeMs: number, work: () => T): T {
  const digest = createHash('sha256').update(seed).digest();
  const base = BigInt(`0x${digest.subarray(0, 10).toString('hex')}`) >> 1n;
  return seeds.run({ timeMs, base, next: 0n }, work);
}

/** The next seeded id's `[time, random]` parts, or undefined outside {@link runWithIdSeed}. */
export function nextSeededIdParts(): [number, bigint] | undefined {
  const seed = seeds.getStore();
  if (seed === undefined) return undefined;
  const random = seed.base + seed.next;
  seed.next += 1n;
  return [seed.timeMs, random];
}
