import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';

/** Path parameters of `/media/assets/:id…`. */
export class MediaAssetParamsDto {
  @ApiProperty({ description: 'Asset id (26 lower-case base32 characters).' })
  @Matches(SORTABLE_ID_FORMAT, {
    message: 'id must be an asset id as returned by POST /media/assets (26 characters of 0-9 a-z)',
  })
  id!: string;
}
