import { Scope } from '../src/common/scope/scope';
import { RegistrySnapshot } from '../src/routing/registry-snapshot';
import { routeKeyId, type Route } from '../src/routing/route.types';
import { compareSync, pairedRatio } from './harness';
import { BENCH_ENV, TENANTS, tenantId } from './routes';
import { formatRatio, sampleRow, type Row } from './table';

const TITLE = '1. Request-path resolution';
/** Distinct (kind, scope) pairs each case cycles through, so no single key stays hot. */
const KEYS = 4096;

/**
 * `RegistrySnapshot.resolve(kind, scope)` over the synthetic registry for a project hit, a
 * tenant-wide fallback and a `t_system` fallback, against `Map.get` of a prebuilt key on a
 * map of the same size (the floor: one hash lookup, no key building, no result object).
 */
export function benchResolution(routes: Route[], kinds: readonly string[]): Row[] {
  const snapshot = new RegistrySnapshot(BENCH_ENV, 1, routes, new Date());
  const plain = new Map(routes.map((r) => [routeKeyId(r), r]));
  const kindOf = (i: number): string => kinds[i % kinds.length] as string;
  const tenantOf = (i: number): string => tenantId((i * 7919) % TENANTS);

  const project = Array.from({ length: KEYS }, (_, i) => ({
    kind: kindOf(i),
    scope: Scope.of(tenantOf(i), BENCH_ENV, 'p_web'),
  }));
  // A project with no route of its own: resolves at (tenant, env, *).
  const tenant = project.map(({ kind }, i) => ({
    kind,
    scope: Scope.of(tenantOf(i), BENCH_ENV, 'p_unrouted'),
  }));
  // A tenant with no routes at all: resolves at (t_system, env, *) after three lookups.
  const system = project.map(({ kind }, i) => ({
    kind,
    scope: Scope.of(`t_other${i % 1000}`, BENCH_ENV, 'p_web'),
  }));
  const mapKeys = project.map(({ kind, scope }) =>
    routeKeyId({
      resource_kind: kind,
      tenant_id: scope.tenantId,
      env: scope.env,
      project_id: scope.projectId,
    }),
  );
  for (const [name, cases, at] of [
    ['project', project, 'p_web'],
    ['tenant', tenant, '*'],
    ['system', system, '*'],
  ] as const) {
    const first = cases[0] as { kind: string; scope: Scope };
    const matched = snapshot.resolve(first.kind, first.scope).matched_scope;
    if (matched === null || !matched.endsWith(`/${at}`))
      throw new Error(`resolution bench: ${name} case matched ${String(matched)}`);
  }
  if (plain.get(mapKeys[0] as string) === undefined) throw new Error('Map.get baseline misses');

  const mask = KEYS - 1;
  const samples = compareSync(
    {
      mapGet: (i) => plain.get(mapKeys[i & mask] as string),
      mapBuilt: (i) => {
        const c = project[i & mask] as { kind: string; scope: Scope };
        return plain.get(
          routeKeyId({
            resource_kind: c.kind,
            tenant_id: c.scope.tenantId,
            env: c.scope.env,
            project_id: c.scope.projectId,
          }),
        );
      },
      project: (i) => {
        const c = project[i & mask] as { kind: string; scope: Scope };
        return snapshot.resolve(c.kind, c.scope);
      },
      tenant: (i) => {
        const c = tenant[i & mask] as { kind: string; scope: Scope };
        return snapshot.resolve(c.kind, c.scope);
      },
      system: (i) => {
        const c = system[i & mask] as { kind: string; scope: Scope };
        return snapshot.resolve(c.kind, c.scope);
      },
    },
    { warmupRounds: 3, rounds: 15, ops: 100_000 },
  );
  const base = samples.mapGet!;
  const size = `${routes.length.toLocaleString('en-US')} routes`;
  const vs = (name: 'mapBuilt' | 'project' | 'tenant' | 'system'): string =>
    formatRatio(pairedRatio(samples[name]!, base), 'Map.get');
  return [
    sampleRow(TITLE, 'Map.get, prebuilt key (baseline)', base, '1.00×', `same map size, ${size}`),
    sampleRow(
      TITLE,
      'Map.get, key built per call',
      samples.mapBuilt!,
      vs('mapBuilt'),
      'routeKeyId template string: a fresh key must be hashed on every lookup',
    ),
    sampleRow(TITLE, 'resolve: project hit', samples.project!, vs('project'), '1 lookup'),
    sampleRow(TITLE, 'resolve: tenant fallback', samples.tenant!, vs('tenant'), '2 lookups'),
    sampleRow(
      TITLE,
      'resolve: t_system fallback',
      samples.system!,
      vs('system'),
      '3 lookups; each resolve builds its keys, scope strings and `tried` list',
    ),
  ];
}
