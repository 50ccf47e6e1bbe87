import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { BLACKBOARD_KEY_FORMAT, SESSION_ID_FORMAT } from '../memory.types';

/** Path of `/memory/sessions/:session_id/...`. */
export class SessionParamDto {
  @ApiProperty({ pattern: SESSION_ID_FORMAT.source })
  @Matches(SESSION_ID_FORMAT, {
    message:
      'session_id must be 1 to 128 characters (letters, digits, "_", "-"), starting with a letter or a digit',
  })
  session_id!: string;
}

/** Path of `/memory/blackboards/:key`. */
export class BlackboardKeyParamDto {
  @ApiProperty({ pattern: BLACKBOARD_KEY_FORMAT.source })
  @Matches(BLACKBOARD_KEY_FORMAT, {
    message:
      'key must be 1 to 128 characters (letters, digits, "_", ".", ":", "-"), starting with a letter or a digit',
  })
  key!: string;
}
