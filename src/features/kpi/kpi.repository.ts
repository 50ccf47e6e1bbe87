import type { Scope } from '../../common/scope/scope';
import type {
  KeysetPage,
  KpiCorridor,
  KpiCorridorInput,
  KpiDefinition,
  KpiMeasurement,
} from './kpi.types';

/** Filters of definition and corridor lists. */
export interface KpiSurfaceFilter {
  surface?: string;
}

/** Filters of measurement lists. */
export interface KpiMeasurementFilter {
  surface?: string;
  kpi_name?: string;
}

/**
 * Port: KPI definitions, corridors and measurements stored under one scope. Records of
 * another scope are never returned. Lists return at most `page.limit` records, newest first:
 * definitions and corridors by `id` (`before` is an id), measurements by
 * {@link measurementSortKey} (`before` is a sort key).
 */
export abstract class KpiRepository {
  /**
   * Stores `definition`, claiming `(surface, name)` in `scope` atomically: of two concurrent
   * creates of the same pair exactly one succeeds, the other throws
   * `KpiDefinitionExistsError` (`kpi.definition_exists`). A pair already stored with the same
   * `id` is a retry of the same idempotent request: the stored definition is returned.
   */
  abstract createDefinition(scope: Scope, definition: KpiDefinition): Promise<KpiDefinition>;

  /** The definition of `(surface, name)` in `scope`, or null. */
  abstract getDefinition(
    scope: Scope,
    surface: string,
    name: string,
  ): Promise<KpiDefinition | null>;

  abstract listDefinitions(
    scope: Scope,
    filter: KpiSurfaceFilter,
    page: KeysetPage,
  ): Promise<KpiDefinition[]>;

  /**
   * Creates or replaces the one corridor of `(surface, kpi_name)` (never a second row) and
   * returns it with version + 1 (1 when new); `id` and `created_at` survive replacement. With
   * `expectedVersion`, writes only if that is the stored version, else throws
   * `KpiVersionConflictError` (also when no corridor exists yet).
   */
  abstract putCorridor(
    scope: Scope,
    input: KpiCorridorInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<KpiCorridor>;

  abstract listCorridors(
    scope: Scope,
    filter: KpiSurfaceFilter,
    page: KeysetPage,
  ): Promise<KpiCorridor[]>;

  /**
   * Appends a measurement once per `id`: a measurement already stored with the id (a retry of
   * the same idempotent request, whose ids repeat) is returned as stored, not added again.
   */
  abstract addMeasurement(scope: Scope, measurement: KpiMeasurement): Promise<KpiMeasurement>;

  abstract listMeasurements(
    scope: Scope,
    filter: KpiMeasurementFilter,
    page: KeysetPage,
  ): Promise<KpiMeasurement[]>;
}
