import type { CollectionReference, DocumentData } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import {
  createOnce,
  getRecord,
  upsertDocument,
} from '../../../backends/firestore/record-documents';
import { scopeFields, withScopeFields } from '../../../backends/firestore/scope-fields';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { reviseCorridor } from '../kpi-corridor.revision';
import { KpiDefinitionExistsError } from '../kpi.errors';
import { KpiRepository, type KpiMeasurementFilter, type KpiSurfaceFilter } from '../kpi.repository';
import {
  measurementSortKey,
  type KeysetPage,
  type KpiCorridor,
  type KpiCorridorInput,
  type KpiDefinition,
  type KpiMeasurement,
} from '../kpi.types';
import { pairId, toCorridor, toDefinition, toMeasurement } from './firestore-kpi.records';
import {
  deleteKpiScope,
  exportKpiScope,
  importKpiRecords,
  kpiScopesHeld,
} from './firestore-kpi.scope-data';

/**
 * Collections `kpi_definitions`, `kpi_corridors` (document id = escaped `(surface, name)`, so
 * the pair is claimed by `create()` and upserts cannot duplicate) and `kpi_measurements`
 * (document id = measurement id, `sort_key` = timestamp|id) under the scope's path. Every
 * filtered or ordered field is top-level. On real Firestore, filtered lists need composite
 * indexes: (surface, id desc) on definitions and corridors; (surface, sort_key desc),
 * (kpi_name, sort_key desc) and (surface, kpi_name, sort_key desc) on measurements.
 */
export class FirestoreKpiRepository extends KpiRepository implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async createDefinition(scope: Scope, definition: KpiDefinition): Promise<KpiDefinition> {
    const ref = this.col(scope, 'kpi_definitions').doc(pairId(definition.surface, definition.name));
    try {
      await ref.create({ ...definition, ...scopeFields(scope) });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // The same id means an earlier attempt of this idempotent request created it.
      const existing = (await ref.get()).data();
      if (existing?.id === definition.id) return toDefinition(existing);
      throw new KpiDefinitionExistsError(definition.surface, definition.name);
    }
    return definition;
  }

  getDefinition(scope: Scope, surface: string, name: string): Promise<KpiDefinition | null> {
    return getRecord(this.col(scope, 'kpi_definitions').doc(pairId(surface, name)), toDefinition);
  }

  listDefinitions(
    scope: Scope,
    filter: KpiSurfaceFilter,
    page: KeysetPage,
  ): Promise<KpiDefinition[]> {
    return byId(this.col(scope, 'kpi_definitions'), filter, page, toDefinition);
  }

  putCorridor(
    scope: Scope,
    input: KpiCorridorInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<KpiCorridor> {
    const ref = this.col(scope, 'kpi_corridors').doc(pairId(input.surface, input.kpi_name));
    return upsertDocument(
      this.fs.db,
      ref,
      { read: toCorridor, write: withScopeFields(scope) },
      (current) => reviseCorridor(current, input, write),
    );
  }

  listCorridors(scope: Scope, filter: KpiSurfaceFilter, page: KeysetPage): Promise<KpiCorridor[]> {
    return byId(this.col(scope, 'kpi_corridors'), filter, page, toCorridor);
  }

  /**
   * Creates the measurement once. An existing document with the id is an earlier attempt of
   * the same idempotent request (ids are unique otherwise): it is the outcome, returned as stored.
   */
  async addMeasurement(scope: Scope, measurement: KpiMeasurement): Promise<KpiMeasurement> {
    const ref = this.col(scope, 'kpi_measurements').doc(measurement.id);
    const data = {
      ...measurement,
      sort_key: measurementSortKey(measurement),
      ...scopeFields(scope),
    };
    return (await createOnce(ref, data, toMeasurement)) ?? measurement;
  }

  listMeasurements(
    scope: Scope,
    filter: KpiMeasurementFilter,
    page: KeysetPage,
  ): Promise<KpiMeasurement[]> {
    const query = whereEqual(this.col(scope, 'kpi_measurements'), {
      surface: filter.surface,
      kpi_name: filter.kpi_name,
    });
    return readDescending(query, toMeasurement, page, 'sort_key');
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return exportKpiScope(this.fs, scope);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return importKpiRecords(this.fs, scope, records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return kpiScopesHeld(this.fs, tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteKpiScope(this.fs, scope);
  }

  private col(scope: Scope, name: string): CollectionReference {
    return this.fs.scoped(scope, name);
  }
}

/** Newest first by id, optionally on one surface, keyset-paged. */
function byId<T>(
  col: CollectionReference,
  filter: KpiSurfaceFilter,
  page: KeysetPage,
  read: (data: DocumentData) => T,
): Promise<T[]> {
  return readDescending(whereEqual(col, { surface: filter.surface }), read, page);
}
