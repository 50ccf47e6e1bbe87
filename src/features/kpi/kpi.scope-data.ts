import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { KpiCorridor, KpiDefinition, KpiMeasurement } from './kpi.types';

/**
 * The record collections of kpi in a move, the same from every adapter, each record under
 * its own id with the domain object as data: `definitions`, `corridors` and `measurements`.
 * Adapters key definitions and corridors by their `(surface, name)` pair, which the data
 * carries, so an import stores each where a read by pair finds it.
 */
export const KPI_DEFINITIONS = 'definitions';
export const KPI_CORRIDORS = 'corridors';
export const KPI_MEASUREMENTS = 'measurements';

export const kpiDefinitionRecord = (data: KpiDefinition): ScopeRecord => ({
  collection: KPI_DEFINITIONS,
  id: data.id,
  data,
});
export const kpiCorridorRecord = (data: KpiCorridor): ScopeRecord => ({
  collection: KPI_CORRIDORS,
  id: data.id,
  data,
});
export const kpiMeasurementRecord = (data: KpiMeasurement): ScopeRecord => ({
  collection: KPI_MEASUREMENTS,
  id: data.id,
  data,
});

/** The records of a batch by collection; an unknown collection is refused, not dropped. */
export function kpiRecordsOf(records: readonly ScopeRecord[]): {
  definitions: ScopeRecord[];
  corridors: ScopeRecord[];
  measurements: ScopeRecord[];
} {
  const out = {
    definitions: [] as ScopeRecord[],
    corridors: [] as ScopeRecord[],
    measurements: [] as ScopeRecord[],
  };
  for (const r of records) {
    if (r.collection === KPI_DEFINITIONS) out.definitions.push(r);
    else if (r.collection === KPI_CORRIDORS) out.corridors.push(r);
    else if (r.collection === KPI_MEASUREMENTS) out.measurements.push(r);
    else throw new Error(`kpi has no collection "${r.collection}" (record ${r.id})`);
  }
  return out;
}

/** The record's data when its `id` is the record's id (a mismatch would store it unfindable). */
export function kpiDataOf<T extends { id: string }>(record: ScopeRecord, data: T): T {
  if (data.id !== record.id) {
    throw new Error(`kpi ${record.collection} record ${record.id} holds the data of ${data.id}`);
  }
  return data;
}
