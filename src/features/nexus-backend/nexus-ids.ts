/**
 * Reads and bounds the time part of sortable ids (`src/common/ids/sortable-id.ts`: 10
 * characters of milliseconds in lower-case Crockford base32, then 16 of randomness). Events
 * filter `since` as an id range, so keyset paging and `since` are one range on one field.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

/** The smallest id any event created at or after `ms` can have. */
export function sortableIdFloor(ms: number): string {
  let value = BigInt(Math.max(0, Math.floor(ms)));
  let out = '';
  for (let i = 0; i < TIME_CHARS; i += 1) {
    out = (ALPHABET[Number(value % 32n)] as string) + out;
    value /= 32n;
  }
  return out + '0'.repeat(RANDOM_CHARS);
}

/** The creation time encoded in a sortable id, as ISO-8601 UTC. */
export function timeOfSortableId(id: string): string {
  let ms = 0;
  for (const ch of id.slice(0, TIME_CHARS)) ms = ms * 32 + ALPHABET.indexOf(ch);
  return new Date(ms).toISOString();
}
