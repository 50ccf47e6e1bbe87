import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MEMORY_LIMITS, MESSAGE_ROLES, type MessageRole } from '../memory.types';
import { IsJsonWithin } from './json-within.validator';

/** Body of `POST /memory/sessions/:session_id/messages`. */
export class AppendMessageDto {
  @ApiProperty({ enum: MESSAGE_ROLES })
  @IsIn(MESSAGE_ROLES, { message: `role must be one of ${MESSAGE_ROLES.join(', ')}` })
  role!: MessageRole;

  @ApiProperty({ maxLength: MEMORY_LIMITS.content })
  @IsString()
  @MinLength(1)
  @MaxLength(MEMORY_LIMITS.content)
  content!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {} })
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @IsJsonWithin(MEMORY_LIMITS.metadataBytes, { object: true })
  metadata?: Record<string, unknown>;
}
