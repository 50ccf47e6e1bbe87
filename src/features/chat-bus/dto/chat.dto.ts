import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { MaxUtf8Bytes } from '../../../common/validation/size.validators';
import {
  MAX_MESSAGE_BYTES,
  MAX_PARTICIPANTS,
  MAX_TITLE_LENGTH,
  MESSAGE_ID_FORMAT,
  MESSAGE_ROLES,
  PARTICIPANT_FORMAT,
  type MessageRole,
} from '../chat-bus.types';

const MESSAGE_ID_MESSAGE =
  'must be a message id such as 1700000000000-0 (the id field of a message)';

/** Body of `POST /chat/threads`. */
export class CreateThreadDto {
  @ApiProperty({ maxLength: MAX_TITLE_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TITLE_LENGTH)
  title!: string;

  @ApiProperty({
    type: [String],
    maxItems: MAX_PARTICIPANTS,
    description: 'Participant ids (users, agents).',
  })
  @IsArray()
  @ArrayMaxSize(MAX_PARTICIPANTS)
  @IsString({ each: true })
  @Matches(PARTICIPANT_FORMAT, {
    each: true,
    message: `each participant must match ${PARTICIPANT_FORMAT.source}`,
  })
  participants!: string[];
}

/** Body of `POST /chat/threads/:id/messages`. */
export class PostMessageDto {
  @ApiProperty({ enum: MESSAGE_ROLES })
  @IsIn(MESSAGE_ROLES)
  role!: MessageRole;

  @ApiProperty({ description: `At most ${MAX_MESSAGE_BYTES} bytes of UTF-8.` })
  @IsString()
  @MinLength(1)
  @MaxUtf8Bytes(MAX_MESSAGE_BYTES, {
    message: `text must be at most ${MAX_MESSAGE_BYTES} bytes of UTF-8 (8 KiB); split longer content into several messages`,
  })
  text!: string;
}

/** Query of `GET /chat/threads/:id/messages`: `after` a message id (exclusive), or `cursor` from the previous page. */
export class ListMessagesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ pattern: MESSAGE_ID_FORMAT.source })
  @IsOptional()
  @Matches(MESSAGE_ID_FORMAT, { message: `after ${MESSAGE_ID_MESSAGE}` })
  after?: string;
}

/** Query of `GET /chat/threads/:id/events`: where to start when no Last-Event-ID header is sent. */
export class ThreadEventsQueryDto {
  @ApiPropertyOptional({
    pattern: MESSAGE_ID_FORMAT.source,
    description: 'Replay messages after this id; the Last-Event-ID header wins.',
  })
  @IsOptional()
  @Matches(MESSAGE_ID_FORMAT, { message: `after ${MESSAGE_ID_MESSAGE}` })
  after?: string;
}
