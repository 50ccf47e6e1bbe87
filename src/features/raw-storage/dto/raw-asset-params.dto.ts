import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';

/** Path parameters naming one raw asset. */
export class RawAssetParamsDto {
  @ApiProperty({ description: 'Asset id (26 lower-case base32 characters).' })
  @Matches(SORTABLE_ID_FORMAT, {
    message: 'asset_id must be an id as returned by POST /raw/uploads (26 characters of 0-9 a-z)',
  })
  asset_id!: string;
}
