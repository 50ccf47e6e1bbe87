import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';

/** Path of `/nexus/snippets/:id`: an id this API returned. */
export class SnippetIdParamDto {
  @ApiProperty({ pattern: SORTABLE_ID_FORMAT.source })
  @Matches(SORTABLE_ID_FORMAT, {
    message:
      'id must be a snippet id returned by POST /nexus/snippets (26 characters, 0-9 and a-z)',
  })
  id!: string;
}
