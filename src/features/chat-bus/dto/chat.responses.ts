import { ApiProperty } from '@nestjs/swagger';
import {
  MESSAGE_ROLES,
  type ChatMessage,
  type ChatThread,
  type MessageRole,
} from '../chat-bus.types';

export class ChatThreadDto implements ChatThread {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String] }) participants!: string[];
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class ChatMessageDto implements ChatMessage {
  @ApiProperty({ description: 'Stream id (`<ms>-<seq>`); also the SSE event id.' }) id!: string;
  @ApiProperty() thread_id!: string;
  @ApiProperty({ enum: MESSAGE_ROLES }) role!: MessageRole;
  @ApiProperty() text!: string;
  @ApiProperty() author!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
