/**
 * Position of a record in time order, `"<ISO-8601 UTC>|<id>"`, for lists ordered by a time
 * other than the id's own (a measurement's timestamp, an arrival time). The time must have
 * the fixed width `toUtcIso` gives (`YYYY-MM-DDTHH:mm:ss.sssZ`), so keys compare as strings
 * like the instants they name; the id breaks ties within one millisecond, so keys are unique
 * and keyset paging never skips or repeats. A bare time of the same form is a prefix of
 * every key at that instant, so `key >= since` includes it and `key < until` excludes it.
 */
export function timeSortKey(time: string, id: string): string {
  return `${time}|${id}`;
}
