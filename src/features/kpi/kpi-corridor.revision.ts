import { newSortableId } from '../../common/ids/sortable-id';
import { KpiVersionConflictError } from './kpi.errors';
import type { KpiCorridor, KpiCorridorInput } from './kpi.types';

/**
 * The corridor an upsert stores, given the stored one (or null): checks `expectedVersion`
 * (throws `KpiVersionConflictError`), bumps the version, keeps `id` and `created_at`.
 * Shared by every adapter so they cannot drift apart.
 */
export function reviseCorridor(
  current: KpiCorridor | null,
  input: KpiCorridorInput,
  write: { actor: string; expectedVersion?: number },
): KpiCorridor {
  if (write.expectedVersion !== undefined && current?.version !== write.expectedVersion) {
    throw new KpiVersionConflictError(write.expectedVersion, current?.version ?? null);
  }
  const now = new Date().toISOString();
  return {
    id: current?.id ?? newSortableId(),
    surface: input.surface,
    kpi_name: input.kpi_name,
    floor: input.floor,
    ceiling: input.ceiling,
    version: (current?.version ?? 0) + 1,
    created_at: current?.created_at ?? now,
    updated_at: now,
    updated_by: write.actor,
  };
}
