import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  KpiCorridorDto,
  KpiDefinitionDto,
  KpiMeasurementDto,
  KpiStatusDto,
} from './dto/kpi.responses';
import { RequireRole } from '../../common/auth/access.decorators';
import { IfMatch } from '../../common/http/if-match.decorator';
import type { Page } from '../../common/http/pagination';
import { AdminWrite, AnswersPage } from '../../common/http/responses.decorator';
import { CreateKpiDefinitionDto, KpiDefinitionParamsDto } from './dto/create-kpi-definition.dto';
import { CreateKpiMeasurementDto } from './dto/create-kpi-measurement.dto';
import {
  KpiMeasurementsQueryDto,
  KpiStatusQueryDto,
  KpiSurfaceQueryDto,
} from './dto/kpi-queries.dto';
import { PutKpiCorridorDto } from './dto/put-kpi-corridor.dto';
import { KpiService } from './kpi.service';
import type { KpiCorridor, KpiDefinition, KpiMeasurement, KpiStatus } from './kpi.types';

@ApiTags('kpi')
@Controller('kpi')
export class KpiController {
  constructor(private readonly service: KpiService) {}

  /** Defines a KPI on a surface (admin); `409 kpi.definition_exists` if the name is taken. */
  @Post('definitions')
  @ApiCreatedResponse({ type: KpiDefinitionDto })
  @RequireRole('admin')
  define(@Body() body: CreateKpiDefinitionDto): Promise<KpiDefinition> {
    return this.service.define(body);
  }

  /** Definitions, newest first, optionally of one surface. */
  @Get('definitions')
  @AnswersPage(KpiDefinitionDto)
  definitions(@Query() query: KpiSurfaceQueryDto): Promise<Page<KpiDefinition>> {
    return this.service.definitions({ surface: query.surface }, query);
  }

  @Get('definitions/:surface/:name')
  @ApiOkResponse({ type: KpiDefinitionDto })
  definition(@Param() params: KpiDefinitionParamsDto): Promise<KpiDefinition> {
    return this.service.definition(params.surface, params.name);
  }

  /** Creates or replaces the corridor of `(surface, kpi_name)` (admin); honours If-Match. */
  @Put('corridors')
  @AdminWrite(KpiCorridorDto)
  putCorridor(
    @Body() body: PutKpiCorridorDto,
    @IfMatch() version: number | undefined,
  ): Promise<KpiCorridor> {
    const input = {
      surface: body.surface,
      kpi_name: body.kpi_name,
      floor: body.floor ?? null,
      ceiling: body.ceiling ?? null,
    };
    return this.service.putCorridor(input, version);
  }

  /** Corridors, newest first, optionally of one surface. */
  @Get('corridors')
  @AnswersPage(KpiCorridorDto)
  corridors(@Query() query: KpiSurfaceQueryDto): Promise<Page<KpiCorridor>> {
    return this.service.corridors({ surface: query.surface }, query);
  }

  /** Records a measurement (member) of a KPI defined on the surface. */
  @Post('measurements')
  @ApiCreatedResponse({ type: KpiMeasurementDto })
  record(@Body() body: CreateKpiMeasurementDto): Promise<KpiMeasurement> {
    return this.service.record(body);
  }

  /** Measurements, newest first by timestamp. */
  @Get('measurements')
  @AnswersPage(KpiMeasurementDto)
  measurements(@Query() query: KpiMeasurementsQueryDto): Promise<Page<KpiMeasurement>> {
    return this.service.measurements({ surface: query.surface, kpi_name: query.kpi_name }, query);
  }

  /** Each corridor of the surface with its latest value: ok, below_floor, above_ceiling or no_data. */
  @Get('status')
  @AnswersPage(KpiStatusDto)
  status(@Query() query: KpiStatusQueryDto): Promise<Page<KpiStatus>> {
    return this.service.status(query.surface, query);
  }
}
