import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ACTION_FORMAT } from '../firearms.types';

/** Path of `/firearms/actions/:action`. */
export class ActionParamDto {
  @ApiProperty({ example: 'deploy:prod', pattern: ACTION_FORMAT.source })
  @Matches(ACTION_FORMAT, {
    message: `action must match ${ACTION_FORMAT.source} (lower-case letters, digits, _ . : -; at most 128 characters)`,
  })
  action!: string;
}
