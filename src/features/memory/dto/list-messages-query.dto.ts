import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';

/**
 * Query of `GET /memory/sessions/:session_id/messages`: oldest first, after the message id
 * `after` (the last one seen) or after the position of `cursor` (not both).
 */
export class ListMessagesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description: 'Id of the last message already seen.',
    pattern: SORTABLE_ID_FORMAT.source,
  })
  @IsOptional()
  @Matches(SORTABLE_ID_FORMAT, {
    message: 'after must be a message id returned by this API (26 characters, 0-9 and a-z)',
  })
  after?: string;
}
