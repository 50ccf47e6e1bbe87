import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { IsKpiKey } from './kpi-key.dto';

/** Query of `GET /kpi/definitions` and `GET /kpi/corridors`. */
export class KpiSurfaceQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsKpiKey()
  surface?: string;
}

/** Query of `GET /kpi/measurements`, newest first by timestamp. */
export class KpiMeasurementsQueryDto extends KpiSurfaceQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsKpiKey()
  kpi_name?: string;
}

/** Query of `GET /kpi/status`: one surface, a page of its corridors. */
export class KpiStatusQueryDto extends ListQueryDto {
  @ApiProperty()
  @IsKpiKey()
  surface!: string;
}
