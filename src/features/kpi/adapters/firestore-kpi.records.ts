import type { DocumentData } from '@google-cloud/firestore';
import {
  CREATED,
  instant,
  num,
  optionalNum,
  optionalText,
  readRecord,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import type { KpiCorridor, KpiDefinition, KpiMeasurement } from '../kpi.types';

const DEFINITION = {
  id: text,
  surface: text,
  name: text,
  description: optionalText,
  unit: optionalText,
  window_seconds: optionalNum,
  ...CREATED,
};

const CORRIDOR = {
  id: text,
  surface: text,
  kpi_name: text,
  floor: optionalNum,
  ceiling: optionalNum,
  created_at: instant,
  ...REVISED,
};

const MEASUREMENT = {
  id: text,
  surface: text,
  kpi_name: text,
  value: num,
  timestamp: instant,
  ...CREATED,
};

/** The API fields of stored documents (storage-only fields are left out). */
export function toDefinition(data: DocumentData): KpiDefinition {
  return readRecord(data, 'KPI definition', DEFINITION);
}

export function toCorridor(data: DocumentData): KpiCorridor {
  return readRecord(data, 'KPI corridor', CORRIDOR);
}

export function toMeasurement(data: DocumentData): KpiMeasurement {
  return readRecord(data, 'KPI measurement', MEASUREMENT);
}
