import { isScopeData, type ScopeData } from '../../common/scope-data/scope-data';
import { AdapterCache } from '../adapter-cache';
import type { KindCatalog } from '../kind-catalog';
import type { BackendConfig, Route, RouteKey } from '../route.types';
import type { BackendType } from '../../backends/backend-type';
import { MoveRefusedError } from './moves.errors';

/** The adapters a move reads from and writes to, held until released. */
export interface MoveEndpoints {
  source: ScopeData;
  target: ScopeData;
  release(): void;
}

/** A route object for a backend that may not be in the registry (the adapter cache keys by it). */
export function routeFor(
  key: RouteKey,
  backend: { backend_type: BackendType; config: BackendConfig },
): Route {
  return {
    ...key,
    backend_type: backend.backend_type,
    config: backend.config,
    required: false,
    version: 0,
    updated_at: '',
    updated_by: '',
    rationale: '',
  };
}

/**
 * Holds the source and target adapters of a move in the adapter cache (so an in-memory target
 * keeps its copy, and becomes the route's adapter after the switch), refusing kinds whose
 * adapters cannot export and import a scope.
 */
export function holdEndpoints(
  cache: AdapterCache,
  catalog: KindCatalog,
  key: RouteKey,
  sourceRoute: Route,
  targetRoute: Route,
): MoveEndpoints {
  const builders = catalog.get(key.resource_kind)?.builders;
  if (builders === undefined)
    throw new MoveRefusedError(key, `${key.resource_kind} is not mounted by this app.`);
  const from = cache.hold(key.resource_kind, sourceRoute, builders);
  const to = cache.hold(key.resource_kind, targetRoute, builders);
  const release = (): void => {
    from.release();
    to.release();
  };
  const [source, target]: unknown[] = [from.lease.adapter, to.lease.adapter];
  if (!isScopeData(source) || !isScopeData(target)) {
    release();
    throw new MoveRefusedError(
      key,
      `the ${key.resource_kind} adapters cannot export and import a scope yet; switch the route without its data (PUT /routing/routes) or add ScopeData to the adapters.`,
    );
  }
  return {
    source: tracked(source, (work) => cache.track(from.lease, work)),
    target: tracked(target, (work) => cache.track(to.lease, work)),
    release,
  };
}

/**
 * The adapter's ScopeData with every call counted as running on its client (each step of an
 * export too): the app may close while a move reads or writes, and a Firestore client closed
 * under a call fails out of band instead of failing the call.
 */
function tracked(data: ScopeData, track: (work: Promise<unknown>) => void): ScopeData {
  const run = <T>(work: Promise<T>): Promise<T> => {
    track(work);
    return work;
  };
  return {
    exportScope: (scope) => ({
      [Symbol.asyncIterator]: () => {
        const records = data.exportScope(scope)[Symbol.asyncIterator]();
        return {
          next: () => run(records.next()),
          return: (value?: unknown) =>
            records.return === undefined
              ? Promise.resolve({ done: true as const, value: undefined })
              : run(records.return(value)),
        };
      },
    }),
    importRecords: (scope, records) => run(data.importRecords(scope, records)),
    scopesHeld: (tenantId, env) => run(data.scopesHeld(tenantId, env)),
    deleteScope: (scope) => run(data.deleteScope(scope)),
  };
}
