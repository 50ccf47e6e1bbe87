import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';
import { ACTION_FORMAT } from '../firearms.types';

/** Path of `/firearms/actions/:action`. */
export class ActionParamDto {
  @ApiProperty({ example: 'deploy:prod', pattern: ACTION_FORMAT.source })
  @Matches(ACTION_FORMAT, {
    message: `action must match ${ACTION_FORMAT.source} (lower-case letters, digits, _ . : -; at most 128 characters)`,
  })
  action!: string;
}

/** Path of `/firearms/licences/:id`. */
export class LicenceIdParamDto {
  @ApiProperty({ description: 'Licence id (26 characters, as returned on issue).' })
  @Matches(SORTABLE_ID_FORMAT, {
    message: 'id must be a licence id as returned on issue (26 lower-case base32 characters)',
  })
  id!: string;
}
