import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsJsonWithin } from '../../../common/validation/size.validators';
import { IsOmittable } from '../../../common/validation/validators';
import { AGENT_ID_FORMAT, NEXUS_LIMITS, NEXUS_NAME_FORMAT } from '../nexus-backend.types';

/** Body of `POST /nexus/events`: one dataset event. `input`/`output` are any JSON (default null). */
export class RecordEventDto {
  @ApiProperty({ pattern: NEXUS_NAME_FORMAT.source, example: 'tool_call' })
  @Matches(NEXUS_NAME_FORMAT, {
    message:
      'event_type must be a lower-case name of 1 to 64 characters (a-z, 0-9, "_", ".", ":", "-")',
  })
  event_type!: string;

  @ApiProperty({ pattern: AGENT_ID_FORMAT.source })
  @Matches(AGENT_ID_FORMAT, {
    message: 'agent_id must be 1 to 128 characters (letters, digits, "_", ".", ":", "@", "-")',
  })
  agent_id!: string;

  @ApiPropertyOptional({
    description: `Any JSON value, at most ${NEXUS_LIMITS.ioBytes} bytes as JSON.`,
  })
  @IsOmittable()
  @IsJsonWithin(NEXUS_LIMITS.ioBytes)
  input?: unknown;

  @ApiPropertyOptional({
    description: `Any JSON value, at most ${NEXUS_LIMITS.ioBytes} bytes as JSON.`,
  })
  @IsOmittable()
  @IsJsonWithin(NEXUS_LIMITS.ioBytes)
  output?: unknown;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {} })
  @IsOmittable()
  @IsJsonWithin(NEXUS_LIMITS.metadataBytes, { object: true })
  metadata?: Record<string, unknown>;
}
