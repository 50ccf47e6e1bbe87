import { newSortableId } from '../../src/common/ids/sortable-id';
import type { Scope } from '../../src/common/scope/scope';
import type { KpiRepository } from '../../src/features/kpi/kpi.repository';
import type { KpiDefinition, KpiMeasurement } from '../../src/features/kpi/kpi.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

const definition = (surface: string, name: string, unit: string | null): KpiDefinition => ({
  id: newSortableId(),
  surface,
  name,
  description: unit === null ? null : `${name} on ${surface}`,
  unit,
  window_seconds: unit === null ? null : 3600,
  created_at: new Date().toISOString(),
  created_by: 'u_a',
});

const measurement = (
  surface: string,
  kpi_name: string,
  value: number,
  timestamp: string,
): KpiMeasurement => ({
  id: newSortableId(),
  surface,
  kpi_name,
  value,
  timestamp,
  created_at: new Date().toISOString(),
  created_by: 'u_b',
});

const PAGE = { limit: 100 };

/**
 * KPI for the scope-data round trip: definitions on two surfaces, corridors (one replaced,
 * version 2, one with a single bound) and measurements (fractional, negative, two with one
 * timestamp).
 */
export const kpiScopeData: ScopeDataContractOptions<KpiRepository> = {
  async seed(repo, scope: Scope) {
    await repo.createDefinition(scope, definition('web', 'conversion', 'percent'));
    await repo.createDefinition(scope, definition('app', 'latency.p95', null));
    await repo.putCorridor(
      scope,
      { surface: 'web', kpi_name: 'conversion', floor: 1, ceiling: 5 },
      { actor: 'u_a' },
    );
    await repo.putCorridor(
      scope,
      { surface: 'web', kpi_name: 'conversion', floor: 1.5, ceiling: null },
      { actor: 'u_b', expectedVersion: 1 },
    );
    await repo.putCorridor(
      scope,
      { surface: 'app', kpi_name: 'latency.p95', floor: null, ceiling: 250 },
      { actor: 'u_a' },
    );
    for (const m of [
      measurement('web', 'conversion', 2.25, '2024-05-01T10:00:00.000Z'),
      measurement('web', 'conversion', 1.1, '2024-05-01T11:00:00.000Z'),
      measurement('web', 'conversion', 3, '2024-05-01T11:00:00.000Z'),
      measurement('app', 'latency.p95', -0.5, '2024-05-02T08:30:00.000Z'),
    ]) {
      await repo.addMeasurement(scope, m);
    }
  },

  /** Every list, filtered lists per surface and KPI, and the definitions by pair. */
  async read(repo, scope) {
    return {
      definitions: await repo.listDefinitions(scope, {}, PAGE),
      webDefinitions: await repo.listDefinitions(scope, { surface: 'web' }, PAGE),
      conversion: await repo.getDefinition(scope, 'web', 'conversion'),
      latency: await repo.getDefinition(scope, 'app', 'latency.p95'),
      corridors: await repo.listCorridors(scope, {}, PAGE),
      appCorridors: await repo.listCorridors(scope, { surface: 'app' }, PAGE),
      measurements: await repo.listMeasurements(scope, {}, PAGE),
      conversionMeasurements: await repo.listMeasurements(
        scope,
        { surface: 'web', kpi_name: 'conversion' },
        { limit: 2 },
      ),
    };
  },
};
