import type { DocumentData } from '@google-cloud/firestore';
import {
  CREATED,
  instant,
  num,
  optionalNum,
  optionalText,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import { escapeSegment } from '../../../backends/scope-path';
import type { KpiCorridor, KpiDefinition, KpiMeasurement } from '../kpi.types';

/** `surface:name`, each part escaped, so two different pairs never share a document id. */
export const pairId = (surface: string, name: string): string =>
  `${escapeSegment(surface)}:${escapeSegment(name)}`;

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

/** Readers of the API fields of stored documents (storage-only fields are left out). */
export const toDefinition: (data: DocumentData) => KpiDefinition = recordReader(
  'KPI definition',
  DEFINITION,
);
export const toCorridor: (data: DocumentData) => KpiCorridor = recordReader(
  'KPI corridor',
  CORRIDOR,
);
export const toMeasurement: (data: DocumentData) => KpiMeasurement = recordReader(
  'KPI measurement',
  MEASUREMENT,
);
