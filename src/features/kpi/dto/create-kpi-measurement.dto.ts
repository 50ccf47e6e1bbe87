import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Matches } from 'class-validator';
import { KPI_KEY_FORMAT, kpiKeyMessage } from '../kpi.types';
import { IsInstant, NotInFuture } from './instant.validator';

/** How far ahead of this server's clock a measurement timestamp may be. */
export const MEASUREMENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Body of `POST /kpi/measurements` (member). The KPI must be defined on the surface
 * (`404 kpi.definition_not_found` otherwise), so a typo never starts a stray series.
 * `timestamp` defaults to now and may not be more than 5 minutes in the future.
 */
export class CreateKpiMeasurementDto {
  @ApiProperty({ example: 'web' })
  @Matches(KPI_KEY_FORMAT, { message: kpiKeyMessage('surface') })
  surface!: string;

  @ApiProperty({ example: 'checkout_conversion' })
  @Matches(KPI_KEY_FORMAT, { message: kpiKeyMessage('kpi_name') })
  kpi_name!: string;

  @ApiProperty({ example: 0.031 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a finite number' })
  value!: number;

  @ApiPropertyOptional({ example: '2024-05-01T12:00:00Z', description: 'Default: now.' })
  @IsOptional()
  @IsInstant()
  @NotInFuture(MEASUREMENT_CLOCK_SKEW_MS)
  timestamp?: string;
}
