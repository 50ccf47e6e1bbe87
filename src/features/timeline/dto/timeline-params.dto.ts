import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';

export const ID_MESSAGE =
  'must be a timeline record id as returned on create (26 lower-case base32 characters)';

/** Path `/timeline/<records>/:id`. */
export class TimelineIdParamDto {
  @ApiProperty({ description: 'Record id (26 characters, as returned on create).' })
  @Matches(SORTABLE_ID_FORMAT, { message: `id ${ID_MESSAGE}` })
  id!: string;
}
