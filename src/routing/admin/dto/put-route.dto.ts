import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** Body of `PUT /routing/routes/...`: the route's backend; the key comes from the path. */
export class PutRouteDto {
  @ApiProperty({ enum: ['firestore', 'redis', 's3', 'memory'] })
  @IsString()
  @MaxLength(32)
  backend_type!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Backend config (snake_case keys; no secrets)',
  })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Boot also requires this backend to answer a ping' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ description: 'Why: kept in history' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rationale?: string;
}
