import { ApiProperty } from '@nestjs/swagger';
import { ANY_JSON } from '../../../common/http/openapi/any-json';
import type { DatasetEvent, NexusSnippet } from '../nexus-backend.types';

const metadata = { type: 'object', additionalProperties: true } as const;

export class NexusSnippetDto implements NexusSnippet {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty(metadata) metadata!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) refs!: string[];
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class DatasetEventDto implements DatasetEvent {
  @ApiProperty() id!: string;
  @ApiProperty() event_type!: string;
  @ApiProperty() agent_id!: string;
  @ApiProperty({ ...ANY_JSON, description: 'Any JSON value.' }) input!: unknown;
  @ApiProperty({ ...ANY_JSON, description: 'Any JSON value.' }) output!: unknown;
  @ApiProperty(metadata) metadata!: Record<string, unknown>;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
