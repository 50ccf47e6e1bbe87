import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import {
  kpiCorridorRecord,
  kpiDataOf,
  kpiDefinitionRecord,
  kpiMeasurementRecord,
  kpiRecordsOf,
} from '../kpi.scope-data';
import { measurementSortKey } from '../kpi.types';
import { pairId, toCorridor, toDefinition, toMeasurement } from './firestore-kpi.records';

/**
 * The scope data of the Firestore kpi adapter: its three collections as the records of
 * `kpi.scope-data.ts`. An import checks each record with the adapter's reader and writes
 * the whole document the adapter writes (scope fields, a measurement's `sort_key`) at the
 * document id the adapter uses (the escaped pair for definitions and corridors).
 */
export async function* exportKpiScope(
  fs: FirestoreHandle,
  scope: Scope,
): AsyncIterable<ScopeRecord> {
  for await (const doc of documentsOf(fs.scoped(scope, 'kpi_definitions'))) {
    yield kpiDefinitionRecord(toDefinition(doc.data()));
  }
  for await (const doc of documentsOf(fs.scoped(scope, 'kpi_corridors'))) {
    yield kpiCorridorRecord(toCorridor(doc.data()));
  }
  for await (const doc of documentsOf(fs.scoped(scope, 'kpi_measurements'))) {
    yield kpiMeasurementRecord(toMeasurement(doc.data()));
  }
}

export function importKpiRecords(
  fs: FirestoreHandle,
  scope: Scope,
  records: readonly ScopeRecord[],
): Promise<void> {
  const { definitions, corridors, measurements } = kpiRecordsOf(records);
  const fields = scopeFields(scope);
  const definitionsCol = fs.scoped(scope, 'kpi_definitions');
  const corridorsCol = fs.scoped(scope, 'kpi_corridors');
  const measurementsCol = fs.scoped(scope, 'kpi_measurements');
  return setDocuments(definitionsCol, [
    ...definitions.map((r) => {
      const d = kpiDataOf(r, toDefinition(r.data as object));
      return [definitionsCol.doc(pairId(d.surface, d.name)), { ...d, ...fields }] as const;
    }),
    ...corridors.map((r) => {
      const c = kpiDataOf(r, toCorridor(r.data as object));
      return [corridorsCol.doc(pairId(c.surface, c.kpi_name)), { ...c, ...fields }] as const;
    }),
    ...measurements.map((r) => {
      const m = kpiDataOf(r, toMeasurement(r.data as object));
      const data = { ...m, sort_key: measurementSortKey(m), ...fields };
      return [measurementsCol.doc(m.id), data] as const;
    }),
  ]);
}

export function kpiScopesHeld(fs: FirestoreHandle, tenantId: string, env: Env): Promise<Scope[]> {
  return scopesHeldOn(fs, tenantId, env, ['kpi_definitions', 'kpi_corridors', 'kpi_measurements']);
}

export function deleteKpiScope(fs: FirestoreHandle, scope: Scope): Promise<void> {
  return deleteCollections([
    fs.scoped(scope, 'kpi_definitions'),
    fs.scoped(scope, 'kpi_corridors'),
    fs.scoped(scope, 'kpi_measurements'),
  ]);
}
