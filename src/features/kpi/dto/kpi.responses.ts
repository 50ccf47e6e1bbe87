import { ApiProperty } from '@nestjs/swagger';
import {
  CORRIDOR_STATES,
  type CorridorState,
  type KpiCorridor,
  type KpiDefinition,
  type KpiMeasurement,
  type KpiStatus,
} from '../kpi.types';

const nullableString = { type: String, nullable: true } as const;
const nullableNumber = { type: Number, nullable: true } as const;

export class KpiDefinitionDto implements KpiDefinition {
  @ApiProperty() id!: string;
  @ApiProperty() surface!: string;
  @ApiProperty() name!: string;
  @ApiProperty(nullableString) description!: string | null;
  @ApiProperty(nullableString) unit!: string | null;
  @ApiProperty(nullableNumber) window_seconds!: number | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty() created_by!: string;
}

export class KpiCorridorDto implements KpiCorridor {
  @ApiProperty() id!: string;
  @ApiProperty() surface!: string;
  @ApiProperty() kpi_name!: string;
  @ApiProperty(nullableNumber) floor!: number | null;
  @ApiProperty(nullableNumber) ceiling!: number | null;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
}

export class KpiMeasurementDto implements KpiMeasurement {
  @ApiProperty() id!: string;
  @ApiProperty() surface!: string;
  @ApiProperty() kpi_name!: string;
  @ApiProperty() value!: number;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty() created_by!: string;
}

export class KpiStatusDto implements KpiStatus {
  @ApiProperty() surface!: string;
  @ApiProperty() kpi_name!: string;
  @ApiProperty(nullableNumber) floor!: number | null;
  @ApiProperty(nullableNumber) ceiling!: number | null;
  @ApiProperty(nullableNumber) latest_value!: number | null;
  @ApiProperty({ ...nullableString, format: 'date-time' }) latest_timestamp!: string | null;
  @ApiProperty({ enum: CORRIDOR_STATES }) status!: CorridorState;
}
