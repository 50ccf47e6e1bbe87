import type { MountedKind } from '../src/routing/kind-catalog';
import type { BackendConfig, Route } from '../src/routing/route.types';
import type { BackendType } from '../src/backends/backend-type';
import type { Env } from '../src/common/scope/scope';

/** Size of the synthetic registry: every kind × this many tenants × (tenant-wide + 2 projects). */
export const TENANTS = 1000;
/** The two sizes sections 1, 3, 7 and 8 compare: ≈ 1k routes and ≈ 510k routes (17 kinds). */
export const SMALL_TENANTS = 20;
export const LARGE_TENANTS = 10_000;
export const PROJECTS = ['p_web', 'p_app'] as const;
export const BENCH_ENV: Env = 'prod';

export function tenantId(i: number): string {
  return `t_bench${String(i).padStart(5, '0')}`;
}

/** A config that passes the prod policy for the kind's first durable backend. */
function durable(kind: MountedKind, tenant: string): { type: BackendType; config: BackendConfig } {
  const type = kind.backends.find((b) => b !== 'memory') ?? 'firestore';
  switch (type) {
    case 'redis':
      return { type, config: { host: 'redis.internal', port: 6379, db: 1 } };
    case 's3':
      return { type, config: { bucket: 'bench-data', region: 'eu-west-1', prefix: tenant } };
    default:
      return { type, config: { project_id: 'bench-prod', collection_prefix: tenant } };
  }
}

function route(
  kind: MountedKind,
  tenant: string,
  project: string | null,
  i: number,
  env: Env,
): Route {
  const { type, config } = durable(kind, tenant);
  return {
    resource_kind: kind.kind,
    tenant_id: tenant,
    env,
    project_id: project,
    backend_type: type,
    config,
    required: false,
    version: 1,
    updated_at: new Date(Date.UTC(2025, 0, 1, 0, 0, i % 60)).toISOString(),
    updated_by: 'bench',
    rationale: 'synthetic benchmark route',
  };
}

/**
 * `kinds × tenants × (tenant-wide + PROJECTS)` routes plus a `t_system` default per kind,
 * all in `env`, each with its own objects (as decoded from the store).
 */
export function syntheticRoutes(
  kinds: readonly MountedKind[],
  tenants = TENANTS,
  env: Env = BENCH_ENV,
): Route[] {
  const out: Route[] = [];
  let i = 0;
  for (const kind of kinds) {
    out.push(route(kind, 't_system', null, i++, env));
    for (let t = 0; t < tenants; t++) {
      const tenant = tenantId(t);
      out.push(route(kind, tenant, null, i++, env));
      for (const project of PROJECTS) out.push(route(kind, tenant, project, i++, env));
    }
  }
  return out;
}

/** Number of routes {@link syntheticRoutes} makes. */
export function routeCount(kinds: number, tenants: number): number {
  return kinds * tenants * (1 + PROJECTS.length) + kinds;
}
