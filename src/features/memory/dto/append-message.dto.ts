import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsJsonWithin } from '../../../common/validation/size.validators';
import { IsOmittable } from '../../../common/validation/validators';
import { MEMORY_LIMITS, MESSAGE_ROLES, type MessageRole } from '../memory.types';

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
  @IsOmittable()
  @IsJsonWithin(MEMORY_LIMITS.metadataBytes, { object: true })
  metadata?: Record<string, unknown>;
}
