import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { IsNameId, NAME_ID_FORMAT } from '../../../common/validation/validators';
import { MAX_SEO_URL, SEO_TEXT_LIMITS, type SeoFields, type SeoKey } from '../seo.types';

const Text = (max: number) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, maxLength: max, nullable: true }),
    IsOptional(),
    IsString(),
    MaxLength(max),
  );

const HttpsUrl = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'uri',
      maxLength: MAX_SEO_URL,
      nullable: true,
      description: 'Absolute https URL.',
    }),
    IsOptional(),
    IsUrl(
      {
        protocols: ['https'],
        require_protocol: true,
        require_valid_protocol: true,
        require_host: true,
      },
      { message: ({ property }) => `${property} must be an absolute https URL` },
    ),
    MaxLength(MAX_SEO_URL),
  );

/** Body of `PUT /seo/pages/:surface/:page_type`: the whole config (absent or null = unset). */
export class PutSeoConfigDto implements Partial<SeoFields> {
  @Text(SEO_TEXT_LIMITS.title) title?: string | null;
  @Text(SEO_TEXT_LIMITS.description) description?: string | null;
  @Text(SEO_TEXT_LIMITS.og_title) og_title?: string | null;
  @Text(SEO_TEXT_LIMITS.og_description) og_description?: string | null;
  @HttpsUrl() og_image_url?: string | null;
  @HttpsUrl() canonical_url?: string | null;
}

/** Path of the one-config routes. */
export class SeoKeyParamsDto implements SeoKey {
  @ApiProperty({ pattern: NAME_ID_FORMAT.source }) @IsNameId() surface!: string;
  @ApiProperty({ pattern: NAME_ID_FORMAT.source }) @IsNameId() page_type!: string;
}

/** Query of `GET /seo/pages`. */
export class ListSeoConfigsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ pattern: NAME_ID_FORMAT.source })
  @IsOptional()
  @IsNameId()
  surface?: string;
}
