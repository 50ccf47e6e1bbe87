import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { KPI_KEY_FORMAT, kpiKeyMessage } from '../kpi.types';

/** Query of `GET /kpi/definitions` and `GET /kpi/corridors`. */
export class KpiSurfaceQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(KPI_KEY_FORMAT, { message: kpiKeyMessage('surface') })
  surface?: string;
}

/** Query of `GET /kpi/measurements`, newest first by timestamp. */
export class KpiMeasurementsQueryDto extends KpiSurfaceQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(KPI_KEY_FORMAT, { message: kpiKeyMessage('kpi_name') })
  kpi_name?: string;
}

/** Query of `GET /kpi/status`: one surface, a page of its corridors. */
export class KpiStatusQueryDto extends ListQueryDto {
  @ApiProperty()
  @Matches(KPI_KEY_FORMAT, { message: kpiKeyMessage('surface') })
  surface!: string;
}
