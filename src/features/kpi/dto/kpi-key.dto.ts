import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { KPI_KEY_FORMAT, kpiKeyMessage } from '../kpi.types';

/** A surface or KPI name matching {@link KPI_KEY_FORMAT}; the message names the property. */
export function IsKpiKey(): PropertyDecorator {
  return Matches(KPI_KEY_FORMAT, { message: ({ property }) => kpiKeyMessage(property) });
}

/** The KPI a body writes to: its `surface` and `kpi_name` (measurements, corridors). */
export class KpiSeriesDto {
  @ApiProperty({ example: 'web' })
  @IsKpiKey()
  surface!: string;

  @ApiProperty({ example: 'checkout_conversion' })
  @IsKpiKey()
  kpi_name!: string;
}
