import { ApiProperty } from '@nestjs/swagger';
import { ANY_JSON } from '../../../common/http/openapi/any-json';
import {
  MESSAGE_ROLES,
  type Blackboard,
  type MemoryMessage,
  type MessageRole,
} from '../memory.types';

/** One appended session message. */
export class MemoryMessageDto implements MemoryMessage {
  @ApiProperty({ description: 'Sortable: append order is id order.' }) id!: string;
  @ApiProperty() session_id!: string;
  @ApiProperty({ enum: MESSAGE_ROLES }) role!: MessageRole;
  @ApiProperty() content!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

/** A project blackboard entry. */
export class BlackboardDto implements Blackboard {
  @ApiProperty() key!: string;
  @ApiProperty({ ...ANY_JSON, description: 'Any JSON value.' }) data!: unknown;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'After it the entry reads as absent; null: never expires.',
  })
  expires_at!: string | null;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
}
