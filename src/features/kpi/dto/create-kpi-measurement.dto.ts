import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional } from 'class-validator';
import { IsTimestamp, type TimestampRules } from '../../../common/validation/timestamp.validators';
import { KpiSeriesDto } from './kpi-key.dto';
import { NotInFuture } from './not-in-future.validator';

/** How far ahead of this server's clock a measurement timestamp may be. */
export const MEASUREMENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A zoned date-time, or a bare date read as UTC midnight. */
const MEASURED_AT: TimestampRules = { dateOnly: true };

/**
 * Body of `POST /kpi/measurements` (member). The KPI must be defined on the surface
 * (`404 kpi.definition_not_found` otherwise), so a typo never starts a stray series.
 * `timestamp` defaults to now and may not be more than 5 minutes in the future.
 */
export class CreateKpiMeasurementDto extends KpiSeriesDto {
  @ApiProperty({ example: 0.031 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a finite number' })
  value!: number;

  @ApiPropertyOptional({ example: '2024-05-01T12:00:00Z', description: 'Default: now.' })
  @IsOptional()
  @IsTimestamp(MEASURED_AT)
  @NotInFuture(MEASUREMENT_CLOCK_SKEW_MS, MEASURED_AT)
  timestamp?: string;
}
