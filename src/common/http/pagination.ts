import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../errors/domain.error';

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

/** Makes an opaque cursor from a position (JSON, base64url). */
export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; a tampered one is `400 validation.invalid_cursor`. */
export function decodeCursor<T extends Record<string, unknown>>(
  cursor: string | undefined,
  check: (value: Record<string, unknown>) => boolean,
): T | null {
  if (cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      check(value as Record<string, unknown>)
    )
      return value as T;
  } catch {
    // fall through to the error below
  }
  throw new DomainError(
    'validation.invalid_cursor',
    'invalid',
    'cursor is not one this API returned: pass next_cursor from the previous page unchanged.',
  );
}

/**
 * Builds a page from `limit + 1` fetched items: the extra one only says there is more.
 * `position` gives the cursor of the last item returned.
 */
export function toPage<T>(
  fetched: T[],
  limit: number,
  position: (last: T) => Record<string, unknown>,
): Page<T> {
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    next_cursor: fetched.length > limit && last !== undefined ? encodeCursor(position(last)) : null,
  };
}
