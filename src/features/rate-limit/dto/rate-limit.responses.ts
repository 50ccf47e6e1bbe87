import { ApiProperty } from '@nestjs/swagger';
import type { ConsumeResult, RateLimitPolicy } from '../rate-limit.types';

export class RateLimitPolicyDto implements RateLimitPolicy {
  @ApiProperty() action!: string;
  @ApiProperty() limit!: number;
  @ApiProperty() window_seconds!: number;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
}

/** An allowed consumption (a refused one is `429` with the error envelope). */
export class ConsumeResultDto implements ConsumeResult {
  @ApiProperty({ enum: [true] }) allowed!: true;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true }) subject!: string | null;
  @ApiProperty() limit!: number;
  @ApiProperty() remaining!: number;
  @ApiProperty({ format: 'date-time' }) reset_at!: string;
}
