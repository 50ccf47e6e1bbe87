import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../ids/sortable-id';

/** `:id` of a record whose id was made by `newSortableId()`; anything else is 400. */
export class IdParamDto {
  @ApiProperty({
    pattern: SORTABLE_ID_FORMAT.source,
    description: 'Record id (26 characters, as returned on create).',
  })
  @Matches(SORTABLE_ID_FORMAT, { message: 'id must be a 26-character record id' })
  id!: string;
}
