import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsString, Matches } from 'class-validator';

/** Longest tag, in characters. */
export const MAX_TAG_LENGTH = 40;

/** A tag: lower-case, starts with a letter or digit, then letters, digits, `_ . : -`. */
export const TAG_FORMAT = /^[a-z0-9][a-z0-9_.:-]{0,39}$/;

const TAG_RULE =
  `must be lower-case tags of 1 to ${MAX_TAG_LENGTH} characters (a-z, 0-9, "_", ".", ":", "-"), ` +
  'starting with a letter or a digit';

/** A list of at most `max` tags in {@link TAG_FORMAT}. */
export function IsTagList(max: number): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(max, { message: `$property holds at most ${max} tags` }),
    IsString({ each: true, message: `$property ${TAG_RULE}` }),
    Matches(TAG_FORMAT, { each: true, message: `$property ${TAG_RULE}` }),
  );
}
