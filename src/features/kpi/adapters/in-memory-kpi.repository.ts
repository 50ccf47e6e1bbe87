import { whereEqual } from '../../../backends/memory/record-filters';
import {
  descendingPage,
  newestFirst,
  ScopedRecords,
} from '../../../backends/memory/scoped-records';
import { uniqueScopes } from '../../../backends/memory/held-scopes';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
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
import {
  kpiCorridorRecord,
  kpiDefinitionRecord,
  kpiMeasurementRecord,
  kpiRecordsOf,
} from '../kpi.scope-data';

const pairKey = (surface: string, name: string): string => JSON.stringify([surface, name]);

/** Dev/test adapter: maps keyed by scope. Forgets everything at restart. */
export class InMemoryKpiRepository extends KpiRepository implements ScopeData {
  private readonly definitions = new ScopedRecords<KpiDefinition>();
  private readonly corridors = new ScopedRecords<KpiCorridor>();
  private readonly measurements = new ScopedRecords<KpiMeasurement>();

  createDefinition(scope: Scope, definition: KpiDefinition): Promise<KpiDefinition> {
    const key = pairKey(definition.surface, definition.name);
    const existing = this.definitions.get(scope, key);
    // The same id means an earlier attempt of this idempotent request created it.
    if (existing?.id === definition.id) return Promise.resolve(existing);
    if (existing !== null) {
      return Promise.reject(new KpiDefinitionExistsError(definition.surface, definition.name));
    }
    return Promise.resolve(this.definitions.set(scope, key, definition));
  }

  getDefinition(scope: Scope, surface: string, name: string): Promise<KpiDefinition | null> {
    return Promise.resolve(this.definitions.get(scope, pairKey(surface, name)));
  }

  listDefinitions(
    scope: Scope,
    filter: KpiSurfaceFilter,
    page: KeysetPage,
  ): Promise<KpiDefinition[]> {
    const matching = this.definitions
      .values(scope)
      .filter(whereEqual<KpiDefinition>({ surface: filter.surface }));
    return Promise.resolve(newestFirst(matching, page.before, page.limit));
  }

  putCorridor(
    scope: Scope,
    input: KpiCorridorInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<KpiCorridor> {
    const key = pairKey(input.surface, input.kpi_name);
    return Promise.resolve().then(() =>
      this.corridors.upsert(scope, key, (current) => reviseCorridor(current, input, write)),
    );
  }

  listCorridors(scope: Scope, filter: KpiSurfaceFilter, page: KeysetPage): Promise<KpiCorridor[]> {
    const matching = this.corridors
      .values(scope)
      .filter(whereEqual<KpiCorridor>({ surface: filter.surface }));
    return Promise.resolve(newestFirst(matching, page.before, page.limit));
  }

  addMeasurement(scope: Scope, measurement: KpiMeasurement): Promise<KpiMeasurement> {
    // Ids are unique, so a stored one is an earlier attempt of this idempotent request.
    return Promise.resolve(this.measurements.setIfAbsent(scope, measurement.id, measurement));
  }

  listMeasurements(
    scope: Scope,
    filter: KpiMeasurementFilter,
    page: KeysetPage,
  ): Promise<KpiMeasurement[]> {
    const matching = this.measurements
      .values(scope)
      .filter(whereEqual<KpiMeasurement>({ surface: filter.surface, kpi_name: filter.kpi_name }));
    return Promise.resolve(descendingPage(matching, measurementSortKey, page));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll([
      ...this.definitions.values(scope).map(kpiDefinitionRecord),
      ...this.corridors.values(scope).map(kpiCorridorRecord),
      ...this.measurements.values(scope).map(kpiMeasurementRecord),
    ]);
  }

  /** Definitions and corridors go under their pair, as their writes put them. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const { definitions, corridors, measurements } = kpiRecordsOf(records);
    for (const r of definitions) {
      const d = r.data as KpiDefinition;
      this.definitions.set(scope, pairKey(d.surface, d.name), d);
    }
    for (const r of corridors) {
      const c = r.data as KpiCorridor;
      this.corridors.set(scope, pairKey(c.surface, c.kpi_name), c);
    }
    for (const r of measurements) this.measurements.set(scope, r.id, r.data as KpiMeasurement);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return Promise.resolve(
      uniqueScopes(
        this.definitions.scopesHeld(tenantId, env),
        this.corridors.scopesHeld(tenantId, env),
        this.measurements.scopesHeld(tenantId, env),
      ),
    );
  }

  deleteScope(scope: Scope): Promise<void> {
    this.definitions.clear(scope);
    this.corridors.clear(scope);
    this.measurements.clear(scope);
    return Promise.resolve();
  }
}
