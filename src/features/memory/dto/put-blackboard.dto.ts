import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ANY_JSON } from '../../../common/http/openapi/any-json';
import { IsJsonWithin } from '../../../common/validation/size.validators';
import { IsTimestamp } from '../../../common/validation/timestamp.validators';
import { MEMORY_LIMITS } from '../memory.types';

/** Body of `PUT /memory/blackboards/:key`: replaces the entry. */
export class PutBlackboardDto {
  @ApiProperty({
    ...ANY_JSON,
    description: `Any JSON value, at most ${MEMORY_LIMITS.dataBytes} bytes as JSON.`,
  })
  @IsJsonWithin(MEMORY_LIMITS.dataBytes)
  data!: unknown;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'ISO-8601 time in the future; absent or null: never expires.',
    nullable: true,
  })
  @IsOptional()
  @IsTimestamp({ unbounded: true })
  expires_at?: string | null;
}
