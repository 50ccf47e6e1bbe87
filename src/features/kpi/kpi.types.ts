import { timeSortKey } from '../../common/ids/time-key';

/** The resource kind this module declares in the routing registry. */
export const KPI_KIND = 'kpi';

/** Format of surfaces and KPI names: lower-case, starts with a letter or digit, 1..64 chars. */
export const KPI_KEY_FORMAT = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** What a request must fix when a surface or name does not match {@link KPI_KEY_FORMAT}. */
export const kpiKeyMessage = (field: string): string =>
  `${field} must be 1..64 characters: lower-case letters, digits, "_", "." or "-", starting with a letter or digit`;

/** A KPI defined on a surface; `(surface, name)` is unique within a scope. */
export interface KpiDefinition {
  /** Sortable id (creation order); lists are newest first by it. */
  id: string;
  surface: string;
  name: string;
  description: string | null;
  unit: string | null;
  /** Descriptive: the window the KPI is meant to be read over. Status does not apply it. */
  window_seconds: number | null;
  created_at: string;
  created_by: string;
}

/** What a corridor upsert carries: at least one bound, `floor ≤ ceiling`. */
export interface KpiCorridorInput {
  surface: string;
  kpi_name: string;
  floor: number | null;
  ceiling: number | null;
}

/** The accepted range of one KPI on one surface; one record per `(surface, kpi_name)`. */
export interface KpiCorridor extends KpiCorridorInput {
  /** Sortable id given when the corridor is first created; kept by later upserts. */
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** One observed value of a KPI at a point in time. */
export interface KpiMeasurement {
  id: string;
  surface: string;
  kpi_name: string;
  value: number;
  /** When the value was observed (ISO-8601 UTC); lists are newest first by it. */
  timestamp: string;
  created_at: string;
  created_by: string;
}

export const CORRIDOR_STATES = ['ok', 'below_floor', 'above_ceiling', 'no_data'] as const;
export type CorridorState = (typeof CORRIDOR_STATES)[number];

/** One row of `GET /kpi/status`: a corridor and where its latest value sits. */
export interface KpiStatus {
  surface: string;
  kpi_name: string;
  floor: number | null;
  ceiling: number | null;
  latest_value: number | null;
  latest_timestamp: string | null;
  status: CorridorState;
}

/** A keyset page request: `before` is the position of the last item of the previous page. */
export interface KeysetPage {
  limit: number;
  before?: string;
}

/** Position of a measurement in "newest first" order: its timestamp, then its id ({@link timeSortKey}). */
export function measurementSortKey(m: Pick<KpiMeasurement, 'timestamp' | 'id'>): string {
  return timeSortKey(m.timestamp, m.id);
}

/** Where a value sits in a corridor. */
export function corridorState(corridor: KpiCorridorInput, value: number | null): CorridorState {
  if (value === null) return 'no_data';
  if (corridor.floor !== null && value < corridor.floor) return 'below_floor';
  if (corridor.ceiling !== null && value > corridor.ceiling) return 'above_ceiling';
  return 'ok';
}
