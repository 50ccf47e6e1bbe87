import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../errors/domain.error';
import { SORTABLE_ID_FORMAT } from '../ids/sortable-id';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** `limit` and `cursor` of every list endpoint. Extend it for filters. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (next_cursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}

/** What every list endpoint answers. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A list request as controllers pass it on (`ListQueryDto` or a DTO extending it). */
export interface ListRequest {
  limit?: number;
  cursor?: string;
}

/** Tells whether a value read back from a cursor is a position of the list it pages. */
export type PositionCheck<P> = (position: unknown) => position is P;

/** A position that is a string matching `format` (an id, a sort key). */
export const matching =
  (format: RegExp): PositionCheck<string> =>
  (position): position is string =>
    typeof position === 'string' && format.test(position);

/** A position that is any string (keys checked elsewhere, or not checkable). */
export const anyString: PositionCheck<string> = (position): position is string =>
  typeof position === 'string';

/** A position that is an integer (a revision number). */
export const anyInteger: PositionCheck<number> = (position): position is number =>
  Number.isInteger(position);

const invalidCursor = (): DomainError =>
  new DomainError(
    'validation.invalid_cursor',
    'invalid',
    'cursor is not one this API returned: pass next_cursor from the previous page unchanged.',
  );

/**
 * Keyset paging, the one cursor of every list: an opaque `next_cursor` holds the position
 * (sort key) of the last item of a page, and the next page starts strictly after it, so
 * writes between pages neither skip nor repeat items. Made by {@link keysetCursor}.
 */
export interface KeysetCursor<P> {
  /** The page size (default {@link DEFAULT_LIMIT}) and the position the page starts after. */
  start(list: ListRequest): { limit: number; position: P | undefined };
  /** The cursor of a position; null (no next page) for null. */
  write(position: P | null): string | null;
  /**
   * A page from `limit + 1` fetched items (the extra one only says there is more), its
   * cursor at `positionOf` the last item returned.
   */
  page<T>(fetched: T[], limit: number, positionOf: (last: T) => P): Page<T>;
}

/**
 * The cursor of lists whose positions pass `isPosition`. Cursors are `{ p: position }` as
 * base64url JSON; any cursor this API did not make is `400 validation.invalid_cursor`.
 */
export function keysetCursor<P>(isPosition: PositionCheck<P>): KeysetCursor<P> {
  const read = (cursor: string | undefined): P | undefined => {
    if (cursor === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const position: unknown =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as { p?: unknown }).p
        : undefined;
    if (!isPosition(position)) throw invalidCursor();
    return position;
  };
  const write = (position: P | null): string | null =>
    position === null ? null : Buffer.from(JSON.stringify({ p: position })).toString('base64url');
  return {
    start: (list) => ({ limit: list.limit ?? DEFAULT_LIMIT, position: read(list.cursor) }),
    write,
    page: (fetched, limit, positionOf) => {
      const items = fetched.slice(0, limit);
      const last = items.at(-1);
      const more = fetched.length > limit && last !== undefined;
      return { items, next_cursor: more ? write(positionOf(last)) : null };
    },
  };
}

/** Cursors of lists ordered by a `newSortableId()` id (most lists). */
export const SORTABLE_ID_CURSOR = keysetCursor(matching(SORTABLE_ID_FORMAT));

/** A `timeSortKey()` position: fixed-width UTC time, `|`, a sortable id. */
const TIME_SORT_KEY_FORMAT = /^[0-9T:.\-Z]{24}\|[0-9a-hjkmnp-tv-z]{26}$/;

/** Cursors of lists ordered by a `timeSortKey()` (measurements, usage, events). */
export const TIME_KEY_CURSOR = keysetCursor(matching(TIME_SORT_KEY_FORMAT));

/** Cursors of lists whose positions are strings not worth a format check (names, ids). */
export const STRING_CURSOR = keysetCursor(anyString);
