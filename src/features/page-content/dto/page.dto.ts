import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { IsNameId, IsOmittable, NAME_ID_FORMAT } from '../../../common/validation/validators';
import {
  encodePageBody,
  isPageBody,
  MAX_PAGE_BODY_BYTES,
  MAX_PAGE_TITLE,
  SLUG_FORMAT,
  type NewPage,
  type PageBody,
  type PageChanges,
} from '../page-content.types';

/** A body: an HTML string or a JSON object/array, at most 1 MiB as UTF-8. */
function IsPageBody(): PropertyDecorator {
  return ValidateBy({
    name: 'isPageBody',
    validator: {
      validate: (value: unknown) =>
        isPageBody(value) && encodePageBody(value).bytes.length <= MAX_PAGE_BODY_BYTES,
      defaultMessage: () =>
        `body must be an HTML string or a JSON object or array of at most ${MAX_PAGE_BODY_BYTES} bytes (UTF-8)`,
    },
  });
}

const Field = {
  slug: () => Matches(SLUG_FORMAT, { message: `slug must match ${SLUG_FORMAT.source}` }),
  title: () => applyDecorators(IsString(), MinLength(1), MaxLength(MAX_PAGE_TITLE)),
};

const DOCS: Record<'surface' | 'slug' | 'title' | 'body', ApiPropertyOptions> = {
  surface: { pattern: NAME_ID_FORMAT.source },
  slug: { pattern: SLUG_FORMAT.source, description: 'Unique per surface in the project.' },
  title: { maxLength: MAX_PAGE_TITLE },
  body: {
    oneOf: [
      { type: 'string' },
      { type: 'object', additionalProperties: true },
      { type: 'array', items: {} },
    ],
    description: `HTML string or JSON document, at most ${MAX_PAGE_BODY_BYTES} bytes.`,
  },
};

/** Body of `POST /pages`. */
export class CreatePageDto implements NewPage {
  @ApiProperty(DOCS.surface) @IsNameId() surface!: string;
  @ApiProperty(DOCS.slug) @Field.slug() slug!: string;
  @ApiProperty(DOCS.title) @Field.title() title!: string;
  @ApiProperty(DOCS.body) @IsPageBody() body!: PageBody;
}

/** Body of `PATCH /pages/:id`: only the fields to change. */
export class UpdatePageDto implements PageChanges {
  @ApiPropertyOptional(DOCS.surface) @IsOmittable() @IsNameId() surface?: string;
  @ApiPropertyOptional(DOCS.slug) @IsOmittable() @Field.slug() slug?: string;
  @ApiPropertyOptional(DOCS.title) @IsOmittable() @Field.title() title?: string;
  @ApiPropertyOptional(DOCS.body) @IsOmittable() @IsPageBody() body?: PageBody;
}
