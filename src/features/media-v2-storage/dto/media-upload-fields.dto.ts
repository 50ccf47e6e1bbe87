import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  MAX_MEDIA_TAGS,
  MEDIA_KINDS,
  MEDIA_TAG_FORMAT,
  type MediaKind,
} from '../media-v2-storage.types';

/**
 * The text fields of `POST /media/assets` (multipart). `tags` may repeat or hold a
 * comma-separated list; tags are compared lower-case. Without `kind`, the file's content
 * type decides (`video/*` → video, `audio/*` → audio, `image/*` → image, else other).
 */
export class MediaUploadFieldsDto {
  @ApiPropertyOptional({ enum: MEDIA_KINDS })
  @IsOptional()
  @IsIn(MEDIA_KINDS)
  kind?: MediaKind;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_MEDIA_TAGS,
    description: 'Repeat the field or separate with commas.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEDIA_TAGS)
  @IsString({ each: true })
  @Matches(MEDIA_TAG_FORMAT, {
    each: true,
    message: `each tag must be 1..64 characters of a-z 0-9 _ . - starting with a letter or digit`,
  })
  tags?: string[];
}
