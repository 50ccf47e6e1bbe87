import type { CollectionReference, Query } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import { escapeSegment } from '../../../backends/scope-path';
import type { Scope } from '../../../common/scope/scope';
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
import { toCorridor, toDefinition, toMeasurement } from './firestore-kpi.records';

/** `surface:name`, each part escaped, so two different pairs never share a document id. */
const pairId = (surface: string, name: string): string =>
  `${escapeSegment(surface)}:${escapeSegment(name)}`;

/**
 * Collections `kpi_definitions`, `kpi_corridors` (document id = escaped `(surface, name)`, so
 * the pair is claimed by `create()` and upserts cannot duplicate) and `kpi_measurements`
 * (document id = measurement id, `sort_key` = timestamp|id) under the scope's path. Every
 * filtered or ordered field is top-level. On real Firestore, filtered lists need composite
 * indexes: (surface, id desc) on definitions and corridors; (surface, sort_key desc),
 * (kpi_name, sort_key desc) and (surface, kpi_name, sort_key desc) on measurements.
 */
export class FirestoreKpiRepository extends KpiRepository {
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

  async getDefinition(scope: Scope, surface: string, name: string): Promise<KpiDefinition | null> {
    const snap = await this.col(scope, 'kpi_definitions').doc(pairId(surface, name)).get();
    const data = snap.data();
    return data === undefined ? null : toDefinition(data);
  }

  async listDefinitions(
    scope: Scope,
    filter: KpiSurfaceFilter,
    page: KeysetPage,
  ): Promise<KpiDefinition[]> {
    const snap = await byId(this.col(scope, 'kpi_definitions'), filter, page).get();
    return snap.docs.map((d) => toDefinition(d.data()));
  }

  putCorridor(
    scope: Scope,
    input: KpiCorridorInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<KpiCorridor> {
    const ref = this.col(scope, 'kpi_corridors').doc(pairId(input.surface, input.kpi_name));
    return this.fs.db.runTransaction(async (tx) => {
      const data = (await tx.get(ref)).data();
      const next = reviseCorridor(data === undefined ? null : toCorridor(data), input, write);
      tx.set(ref, { ...next, ...scopeFields(scope) });
      return next;
    });
  }

  async listCorridors(
    scope: Scope,
    filter: KpiSurfaceFilter,
    page: KeysetPage,
  ): Promise<KpiCorridor[]> {
    const snap = await byId(this.col(scope, 'kpi_corridors'), filter, page).get();
    return snap.docs.map((d) => toCorridor(d.data()));
  }

  /**
   * Creates the measurement once. An existing document with the id is an earlier attempt of
   * the same idempotent request (ids are unique otherwise): it is the outcome, returned as stored.
   */
  async addMeasurement(scope: Scope, measurement: KpiMeasurement): Promise<KpiMeasurement> {
    const ref = this.col(scope, 'kpi_measurements').doc(measurement.id);
    try {
      await ref.create({
        ...measurement,
        sort_key: measurementSortKey(measurement),
        ...scopeFields(scope),
      });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const existing = (await ref.get()).data();
      if (existing === undefined) throw err;
      return toMeasurement(existing);
    }
    return measurement;
  }

  async listMeasurements(
    scope: Scope,
    filter: KpiMeasurementFilter,
    page: KeysetPage,
  ): Promise<KpiMeasurement[]> {
    let query: Query = this.col(scope, 'kpi_measurements');
    if (filter.surface !== undefined) query = query.where('surface', '==', filter.surface);
    if (filter.kpi_name !== undefined) query = query.where('kpi_name', '==', filter.kpi_name);
    if (page.before !== undefined) query = query.where('sort_key', '<', page.before);
    const snap = await query.orderBy('sort_key', 'desc').limit(page.limit).get();
    return snap.docs.map((d) => toMeasurement(d.data()));
  }

  private col(scope: Scope, name: string): CollectionReference {
    return this.fs.scoped(scope, name);
  }
}

/** Newest first by id, optionally on one surface, keyset-paged. */
function byId(col: CollectionReference, filter: KpiSurfaceFilter, page: KeysetPage): Query {
  let query: Query = col;
  if (filter.surface !== undefined) query = query.where('surface', '==', filter.surface);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  return query.orderBy('id', 'desc').limit(page.limit);
}
