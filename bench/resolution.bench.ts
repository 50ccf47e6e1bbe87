import { Scope } from '../src/common/scope/scope';
import { RegistrySnapshot } from '../src/routing/registry-snapshot';
import { resolveRoute } from '../src/routing/resolution';
import { routeKeyId, type Route } from '../src/routing/route.types';
import { compareSync, pairedRatio, type Sample } from './harness';
import { BENCH_ENV, tenantId } from './routes';
import { formatRatio, sampleRow, type Row } from './table';

const TITLE = '1. Request-path resolution';
/** Distinct (kind, scope) pairs each case cycles through, so no single key stays hot. */
const KEYS = 4096;

/** A registry size to resolve on: its routes and how many tenants they cover. */
export interface ResolutionSize {
  label: string;
  routes: Route[];
  tenants: number;
}

type Case = { kind: string; scope: Scope };

/**
 * `RegistrySnapshot.resolve(kind, scope)` over synthetic registries of two sizes (all cases
 * of both sizes interleaved in the same rounds) for a project hit, a tenant-wide fallback and
 * a `t_system` fallback, against `Map.get` of a prebuilt key on a map of the same size (the
 * floor: one hash lookup, no key building, no result object).
 */
export function benchResolution(sizes: ResolutionSize[], kinds: readonly string[]): Row[] {
  const variants: Record<string, (i: number) => unknown> = {};
  const mask = KEYS - 1;
  for (const { label, routes, tenants } of sizes) {
    const snapshot = new RegistrySnapshot(BENCH_ENV, 1, routes, new Date());
    const plain = new Map(routes.map((r) => [routeKeyId(r), r]));
    const kindOf = (i: number): string => kinds[i % kinds.length] as string;
    const tenantOf = (i: number): string => tenantId((i * 7919) % tenants);
    const project: Case[] = Array.from({ length: KEYS }, (_, i) => ({
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
      const first = cases[0] as Case;
      const res = snapshot.resolve(first.kind, first.scope);
      const expected = `${name === 'system' ? 't_system' : first.scope.tenantId}/${BENCH_ENV}/${at}`;
      if (res.matched_scope !== expected)
        throw new Error(`resolution bench: ${name} case matched ${String(res.matched_scope)}`);
    }
    if (plain.get(mapKeys[0] as string) === undefined) throw new Error('Map.get baseline misses');
    const resolve = (cases: Case[]) => (i: number) => {
      const c = cases[i & mask] as Case;
      return snapshot.resolve(c.kind, c.scope);
    };
    variants[`mapGet@${label}`] = (i) => plain.get(mapKeys[i & mask] as string);
    variants[`mapBuilt@${label}`] = (i) => {
      const c = project[i & mask] as Case;
      return plain.get(
        routeKeyId({
          resource_kind: c.kind,
          tenant_id: c.scope.tenantId,
          env: c.scope.env,
          project_id: c.scope.projectId,
        }),
      );
    };
    // The request path before nested maps: keys built per lookup, scope strings built per call.
    const keyed = (cases: Case[]) => (i: number) => {
      const c = cases[i & mask] as Case;
      return resolveRoute(plain, c.kind, c.scope);
    };
    variants[`keyedProject@${label}`] = keyed(project);
    variants[`keyedSystem@${label}`] = keyed(system);
    variants[`project@${label}`] = resolve(project);
    variants[`tenant@${label}`] = resolve(tenant);
    variants[`system@${label}`] = resolve(system);
  }
  const samples = compareSync(variants, { warmupRounds: 3, rounds: 15, ops: 100_000 });
  const rows: Row[] = [];
  const first = sizes[0] as ResolutionSize;
  for (const { label, routes } of sizes) {
    const s = (name: string): Sample => samples[`${name}@${label}`] as Sample;
    const base = s('mapGet');
    const vs = (name: string): string => {
      const own = formatRatio(pairedRatio(s(name), base), 'Map.get');
      if (label === first.label) return own;
      const small = samples[`${name}@${first.label}`] as Sample;
      return `${own}; ${formatRatio(pairedRatio(s(name), small), `at ${first.label}`)}`;
    };
    const size = `${routes.length.toLocaleString('en-US')} routes`;
    rows.push(
      sampleRow(
        TITLE,
        `${label}: Map.get, prebuilt key (baseline)`,
        base,
        vs('mapGet').replace(/^[^;]*/, '1.00×'),
        `same map size, ${size}`,
      ),
      sampleRow(
        TITLE,
        `${label}: Map.get, key built per call`,
        s('mapBuilt'),
        vs('mapBuilt'),
        'routeKeyId template string: a fresh key must be hashed on every lookup',
      ),
      sampleRow(
        TITLE,
        `${label}: resolve: project hit`,
        s('project'),
        vs('project'),
        '1 lookup chain (kind → tenant → project)',
      ),
      sampleRow(
        TITLE,
        `${label}: resolve: tenant fallback`,
        s('tenant'),
        vs('tenant'),
        'project miss, then the tenant-wide route',
      ),
      sampleRow(
        TITLE,
        `${label}: peer: string-keyed resolveRoute, project hit`,
        s('keyedProject'),
        vs('keyedProject'),
        'the previous request path (still the admin path): routeKeyId per lookup, `tried` and `matched_scope` built per call',
      ),
      sampleRow(
        TITLE,
        `${label}: peer: string-keyed resolveRoute, t_system fallback`,
        s('keyedSystem'),
        vs('keyedSystem'),
        '3 keys built and 3 Map.get',
      ),
      sampleRow(
        TITLE,
        `${label}: resolve: t_system fallback`,
        s('system'),
        vs('system'),
        'tenant miss, then t_system; no key, scope or `tried` string built',
      ),
    );
  }
  return rows;
}
