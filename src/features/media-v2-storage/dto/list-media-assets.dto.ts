import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { MEDIA_KINDS, MEDIA_TAG_FORMAT, type MediaKind } from '../media-v2-storage.types';

/** Query of `GET /media/assets`: paging plus optional kind and tag filters. */
export class ListMediaAssetsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: MEDIA_KINDS })
  @IsOptional()
  @IsIn(MEDIA_KINDS)
  kind?: MediaKind;

  @ApiPropertyOptional({ description: 'Only assets carrying this tag (case-insensitive).' })
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @Matches(MEDIA_TAG_FORMAT, {
    message: 'tag must be 1..64 characters of a-z 0-9 _ . - starting with a letter or digit',
  })
  tag?: string;
}
