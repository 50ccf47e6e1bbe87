import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';

/** Path of `/maybes/items/:id`: an id this API returned (26 lower-case base32 characters). */
export class MaybeIdParamDto {
  @ApiProperty({ pattern: SORTABLE_ID_FORMAT.source })
  @Matches(SORTABLE_ID_FORMAT, {
    message: 'id must be an item id returned by POST /maybes/items (26 characters, 0-9 and a-z)',
  })
  id!: string;
}
