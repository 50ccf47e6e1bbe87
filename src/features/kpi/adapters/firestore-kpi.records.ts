import type { DocumentData } from '@google-cloud/firestore';
import type { KpiCorridor, KpiDefinition, KpiMeasurement } from '../kpi.types';

/** Reads the API fields of stored documents (storage-only fields are left out). */
export function toDefinition(data: DocumentData): KpiDefinition {
  const d = data as Record<string, unknown>;
  return {
    id: d.id as string,
    surface: d.surface as string,
    name: d.name as string,
    description: (d.description as string | null) ?? null,
    unit: (d.unit as string | null) ?? null,
    window_seconds: (d.window_seconds as number | null) ?? null,
    created_at: d.created_at as string,
    created_by: d.created_by as string,
  };
}

export function toCorridor(data: DocumentData): KpiCorridor {
  const d = data as Record<string, unknown>;
  return {
    id: d.id as string,
    surface: d.surface as string,
    kpi_name: d.kpi_name as string,
    floor: (d.floor as number | null) ?? null,
    ceiling: (d.ceiling as number | null) ?? null,
    version: d.version as number,
    created_at: d.created_at as string,
    updated_at: d.updated_at as string,
    updated_by: d.updated_by as string,
  };
}

export function toMeasurement(data: DocumentData): KpiMeasurement {
  const d = data as Record<string, unknown>;
  return {
    id: d.id as string,
    surface: d.surface as string,
    kpi_name: d.kpi_name as string,
    value: d.value as number,
    timestamp: d.timestamp as string,
    created_at: d.created_at as string,
    created_by: d.created_by as string,
  };
}
