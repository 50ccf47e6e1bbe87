import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { Scope } from '../../common/scope/scope';
import {
  REALTIME_ID_TYPES,
  type RealtimeIdType,
  type RealtimeRegistration,
} from './realtime-registry.types';

/**
 * The collections of a realtime_registry scope in a move's record stream, one per id type:
 * a record per id the scope owns, the registration as the port returns it (owner scope,
 * `created_by`, `created_at` kept), so every adapter exports and imports the same records.
 */
export const REALTIME_COLLECTIONS: Record<RealtimeIdType, string> = {
  thread: 'threads',
  canvas: 'canvases',
};

/** The record a move carries for a registration. */
export function realtimeRecord(registration: RealtimeRegistration): ScopeRecord {
  return {
    collection: REALTIME_COLLECTIONS[registration.type],
    id: registration.id,
    data: registration,
  };
}

/**
 * The registration a record carries, refusing one that `scope` does not own, that sits in
 * the wrong collection, or whose id is not the record's: an import must never hand an id
 * to another scope. Fields are not checked here: the Firestore adapter reads them with
 * its document reader.
 */
export function realtimeOfRecord(scope: Scope, record: ScopeRecord): RealtimeRegistration {
  const found = record.data as RealtimeRegistration | null;
  const fits =
    found !== null &&
    REALTIME_ID_TYPES.includes(found.type) &&
    REALTIME_COLLECTIONS[found.type] === record.collection &&
    found.id === record.id &&
    found.tenant_id === scope.tenantId &&
    found.env === scope.env &&
    found.project_id === scope.projectId;
  if (!fits) {
    throw new Error(
      `realtime_registry: no registration of ${scope.toString()}: ${record.collection}/${record.id}`,
    );
  }
  return found;
}
