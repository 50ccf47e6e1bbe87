import { randomBytes } from 'node:crypto';
import { nextSeededIdParts } from './id-seed';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Leading characters that hold the milliseconds; the rest is randomness. */
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

function encode(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out = (ALPHABET[Number(value % 32n)] as string) + out;
    value /= 32n;
  }
  return out;
}

let lastTime = 0;
let lastRandom = 0n;

/**
 * A 26-character id that sorts by creation time (ULID layout, lower-case Crockford base32):
 * 10 characters of milliseconds then 16 of randomness, incremented within one millisecond
 * so ids made by one process are strictly increasing. Lists order by it and page with
 * `where(id, '<', cursor)` (keyset), which behaves the same on real Firestore and the emulator.
 *
 * Inside an idempotent request (`runWithIdSeed`) the id is derived from the request's seed
 * and its first attempt's time instead (`now` is then ignored), so a retry makes the same ids.
 */
export function newSortableId(now = Date.now()): string {
  const seeded = nextSeededIdParts();
  if (seeded !== undefined)
    return encode(BigInt(seeded[0]), TIME_CHARS) + encode(seeded[1], RANDOM_CHARS);
  if (now <= lastTime) {
    lastRandom += 1n;
    now = lastTime;
  } else {
    lastTime = now;
    lastRandom = BigInt(`0x${randomBytes(10).toString('hex')}`) >> 1n;
  }
  return encode(BigInt(now), TIME_CHARS) + encode(lastRandom, RANDOM_CHARS);
}

/** Format of ids made by {@link newSortableId}. */
export const SORTABLE_ID_FORMAT = /^[0-9a-hjkmnp-tv-z]{26}$/;

/**
 * The smallest id {@link newSortableId} can make at or after `ms` (negative times clamp to
 * the epoch). A lower time bound is then a range on the id itself, so keyset paging and a
 * `since` filter are one range on one field.
 */
export function sortableIdFloor(ms: number): string {
  return encode(BigInt(Math.max(0, Math.floor(ms))), TIME_CHARS) + '0'.repeat(RANDOM_CHARS);
}

/** The creation time encoded in a sortable id, as ISO-8601 UTC. */
export function timeOfSortableId(id: string): string {
  let ms = 0;
  for (const ch of id.slice(0, TIME_CHARS)) ms = ms * 32 + ALPHABET.indexOf(ch);
  return new Date(ms).toISOString();
}

/**
 * The id with each character mirrored in the id alphabet, so ids sort newest first where a
 * store only lists ascending (S3 keys). Its own inverse; characters outside the alphabet
 * are kept as they are.
 */
export function invertSortableId(id: string): string {
  return Array.from(id, (c) => ALPHABET[ALPHABET.length - 1 - ALPHABET.indexOf(c)] ?? c).join('');
}
