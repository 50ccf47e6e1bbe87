import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { MEMORY_LIMITS } from '../memory.types';
import { IsJsonWithin } from './json-within.validator';
import { IsZonedTimestamp } from './zoned-timestamp.validator';

/** Body of `PUT /memory/blackboards/:key`: replaces the entry. */
export class PutBlackboardDto {
  @ApiProperty({ description: `Any JSON value, at most ${MEMORY_LIMITS.dataBytes} bytes as JSON.` })
  @IsJsonWithin(MEMORY_LIMITS.dataBytes)
  data!: unknown;

  @ApiPropertyOptional({
    description: 'ISO-8601 time in the future; absent or null: never expires.',
    nullable: true,
  })
  @IsOptional()
  @IsZonedTimestamp()
  expires_at?: string | null;
}
