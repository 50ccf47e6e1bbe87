import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { ToBoolean } from '../../../common/validation/query.transforms';
import { IsNameId, NAME_ID_FORMAT } from '../../../common/validation/validators';
import { SLUG_FORMAT } from '../page-content.types';

/** Query of `GET /pages`. */
export class ListPagesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ pattern: NAME_ID_FORMAT.source })
  @IsOptional()
  @IsNameId()
  surface?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  published?: boolean;
}

/** Path of `GET /pages/by-slug/:surface/:slug`. */
export class PageSlugParamsDto {
  @ApiProperty({ pattern: NAME_ID_FORMAT.source }) @IsNameId() surface!: string;
  @ApiProperty({ pattern: SLUG_FORMAT.source })
  @Matches(SLUG_FORMAT, { message: `slug must match ${SLUG_FORMAT.source}` })
  slug!: string;
}
