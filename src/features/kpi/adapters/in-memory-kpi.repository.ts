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

/** The records of one scope. */
interface ScopeData {
  definitions: Map<string, KpiDefinition>;
  corridors: Map<string, KpiCorridor>;
  measurements: KpiMeasurement[];
}

const pairKey = (surface: string, name: string): string => JSON.stringify([surface, name]);

/** Newest first by `key`, strictly before `before`, at most `limit`. */
function pageOf<T>(items: T[], key: (item: T) => string, page: KeysetPage): T[] {
  return items
    .filter((item) => page.before === undefined || key(item) < page.before)
    .sort((a, b) => (key(a) < key(b) ? 1 : -1))
    .slice(0, page.limit)
    .map((item) => structuredClone(item));
}

/** Dev/test adapter: maps keyed by scope. Forgets everything at restart. */
export class InMemoryKpiRepository extends KpiRepository {
  private readonly scopes = new Map<string, ScopeData>();

  createDefinition(scope: Scope, definition: KpiDefinition): Promise<KpiDefinition> {
    const { definitions } = this.data(scope);
    const key = pairKey(definition.surface, definition.name);
    const existing = definitions.get(key);
    // The same id means an earlier attempt of this idempotent request created it.
    if (existing?.id === definition.id) return Promise.resolve(structuredClone(existing));
    if (existing !== undefined) {
      return Promise.reject(new KpiDefinitionExistsError(definition.surface, definition.name));
    }
    definitions.set(key, structuredClone(definition));
    return Promise.resolve(structuredClone(definition));
  }

  getDefinition(scope: Scope, surface: string, name: string): Promise<KpiDefinition | null> {
    const found = this.data(scope).definitions.get(pairKey(surface, name));
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  listDefinitions(
    scope: Scope,
    filter: KpiSurfaceFilter,
    page: KeysetPage,
  ): Promise<KpiDefinition[]> {
    const all = [...this.data(scope).definitions.values()];
    const matching = all.filter(
      (d) => filter.surface === undefined || d.surface === filter.surface,
    );
    return Promise.resolve(pageOf(matching, (d) => d.id, page));
  }

  putCorridor(
    scope: Scope,
    input: KpiCorridorInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<KpiCorridor> {
    const { corridors } = this.data(scope);
    const key = pairKey(input.surface, input.kpi_name);
    return new Promise((resolve) => {
      const next = reviseCorridor(corridors.get(key) ?? null, input, write);
      corridors.set(key, next);
      resolve(structuredClone(next));
    });
  }

  listCorridors(scope: Scope, filter: KpiSurfaceFilter, page: KeysetPage): Promise<KpiCorridor[]> {
    const all = [...this.data(scope).corridors.values()];
    const matching = all.filter(
      (c) => filter.surface === undefined || c.surface === filter.surface,
    );
    return Promise.resolve(pageOf(matching, (c) => c.id, page));
  }

  addMeasurement(scope: Scope, measurement: KpiMeasurement): Promise<KpiMeasurement> {
    const { measurements } = this.data(scope);
    const existing = measurements.find((m) => m.id === measurement.id);
    if (existing !== undefined) return Promise.resolve(structuredClone(existing));
    measurements.push(structuredClone(measurement));
    return Promise.resolve(structuredClone(measurement));
  }

  listMeasurements(
    scope: Scope,
    filter: KpiMeasurementFilter,
    page: KeysetPage,
  ): Promise<KpiMeasurement[]> {
    const matching = this.data(scope).measurements.filter(
      (m) =>
        (filter.surface === undefined || m.surface === filter.surface) &&
        (filter.kpi_name === undefined || m.kpi_name === filter.kpi_name),
    );
    return Promise.resolve(pageOf(matching, measurementSortKey, page));
  }

  private data(scope: Scope): ScopeData {
    let data = this.scopes.get(scope.toString());
    if (data === undefined) {
      data = { definitions: new Map(), corridors: new Map(), measurements: [] };
      this.scopes.set(scope.toString(), data);
    }
    return data;
  }
}
