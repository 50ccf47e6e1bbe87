import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsKpiKey } from './kpi-key.dto';

/** Body of `POST /kpi/definitions` (admin). `name` is unique per `surface` in the scope. */
export class CreateKpiDefinitionDto {
  @ApiProperty({ example: 'web' })
  @IsKpiKey()
  surface!: string;

  @ApiProperty({ example: 'checkout_conversion' })
  @IsKpiKey()
  name!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 32, example: 'percent' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  unit?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 31_536_000, description: 'Up to one year.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31_536_000)
  window_seconds?: number;
}

/** Path of `GET /kpi/definitions/:surface/:name`. */
export class KpiDefinitionParamsDto {
  @IsKpiKey()
  surface!: string;

  @IsKpiKey()
  name!: string;
}
