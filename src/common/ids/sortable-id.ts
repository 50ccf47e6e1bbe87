import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

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
 */
export function newSortableId(now = Date.now()): string {
  if (now <= lastTime) {
    lastRandom += 1n;
    now = lastTime;
  } else {
    lastTime = now;
    lastRandom = BigInt(`0x${randomBytes(10).toString('hex')}`) >> 1n;
  }
  return encode(BigInt(now), 10) + encode(lastRandom, 16);
}

/** Format of ids made by {@link newSortableId}. */
export const SORTABLE_ID_FORMAT = /^[0-9a-hjkmnp-tv-z]{26}$/;
