import { Scope } from '../common/scope/scope';
import { RegistrySnapshot } from './registry-snapshot';
import { RouteIndex } from './route-index';
import { routeKeyId, type Route } from './route.types';

const route = (tenant: string, project: string | null, prefix = 'one'): Route => ({
  resource_kind: 'kpi',
  tenant_id: tenant,
  env: 'prod',
  project_id: project,
  backend_type: 'firestore',
  config: { collection_prefix: `${prefix}_${tenant}_${project ?? 'all'}` },
  required: false,
  version: 1,
  updated_at: '',
  updated_by: '',
  rationale: '',
});

const system = route('t_system', null);
const acme = route('t_acme', null);
const acmeWeb = route('t_acme', 'p_web');
const at = (tenant: string, project: string | null = null): Scope =>
  Scope.of(tenant, 'prod', project);

describe('RegistrySnapshot.resolve', () => {
  const snapshot = new RegistrySnapshot('prod', 3, [system, acme, acmeWeb], new Date());

  it('resolves a project hit to the project route', () => {
    const res = snapshot.resolve('kpi', at('t_acme', 'p_web'));
    expect(res.route).toBe(acmeWeb);
    expect(res.matched_scope).toBe('t_acme/prod/p_web');
    expect(res.tried).toEqual(['t_acme/prod/p_web']);
  });

  it('falls back to the tenant-wide route for a project without its own', () => {
    const res = snapshot.resolve('kpi', at('t_acme', 'p_shop'));
    expect(res.route).toBe(acme);
    expect(res.matched_scope).toBe('t_acme/prod/*');
    expect(res.tried).toEqual(['t_acme/prod/p_shop', 't_acme/prod/*']);
  });

  it('falls back to t_system for a tenant without routes', () => {
    const res = snapshot.resolve('kpi', at('t_beta', 'p_web'));
    expect(res.route).toBe(system);
    expect(res.matched_scope).toBe('t_system/prod/*');
    expect(res.tried).toEqual(['t_beta/prod/p_web', 't_beta/prod/*', 't_system/prod/*']);
    expect(snapshot.resolve('kpi', at('t_beta')).tried).toEqual([
      't_beta/prod/*',
      't_system/prod/*',
    ]);
  });

  it('names every scope tried on a miss (unknown kind, or another env)', () => {
    const res = snapshot.resolve('labels', at('t_acme', 'p_web'));
    expect(res.route).toBeNull();
    expect(res.matched_scope).toBeNull();
    expect(res.tried).toEqual(['t_acme/prod/p_web', 't_acme/prod/*', 't_system/prod/*']);
    const staging = snapshot.resolve('kpi', Scope.of('t_acme', 'staging', 'p_web'));
    expect(staging.route).toBeNull();
    expect(staging.tried).toEqual([
      't_acme/staging/p_web',
      't_acme/staging/*',
      't_system/staging/*',
    ]);
  });

  it('serialises to the plain Resolution shape', () => {
    expect(JSON.parse(JSON.stringify(snapshot.resolve('kpi', at('t_acme', 'p_shop'))))).toEqual({
      route: acme,
      matched_scope: 't_acme/prod/*',
      tried: ['t_acme/prod/p_shop', 't_acme/prod/*'],
    });
  });
});

describe('RegistrySnapshot.advance', () => {
  it('applies only the changes, and the snapshot it replaced still answers as of its version', () => {
    const v1 = new RegistrySnapshot('prod', 1, [system, acme, acmeWeb], new Date());
    const acmeWeb2 = route('t_acme', 'p_web', 'two');
    const beta = route('t_beta', null);
    const v2 = v1.advance(
      2,
      [
        { key: acmeWeb2, before: acmeWeb, after: acmeWeb2 },
        { key: beta, before: undefined, after: beta },
      ],
      new Date(),
      [],
      [],
    );
    const v3 = v2.advance(3, [{ key: acme, before: acme, after: undefined }], new Date(), [], []);

    expect(v3.version).toBe(3);
    expect(v3.resolve('kpi', at('t_acme', 'p_web')).route).toBe(acmeWeb2);
    expect(v3.resolve('kpi', at('t_acme', 'p_shop')).route).toBe(system);
    expect(v3.resolve('kpi', at('t_beta', 'p_web')).route).toBe(beta);

    expect(v2.resolve('kpi', at('t_acme', 'p_shop')).route).toBe(acme);
    expect(v2.resolve('kpi', at('t_acme', 'p_shop')).matched_scope).toBe('t_acme/prod/*');
    expect(v1.resolve('kpi', at('t_acme', 'p_web')).route).toBe(acmeWeb);
    expect(v1.resolve('kpi', at('t_beta', 'p_web')).route).toBe(system);
    expect(v1.get(routeKeyId(beta))).toBeUndefined();

    const ids = (s: RegistrySnapshot): string[] => s.routes().map(routeKeyId).sort();
    expect(ids(v1)).toEqual([system, acme, acmeWeb].map(routeKeyId).sort());
    expect(v1.routes()).toContain(acmeWeb);
    expect(ids(v2)).toEqual([system, acme, acmeWeb2, beta].map(routeKeyId).sort());
    expect(ids(v3)).toEqual([system, acmeWeb2, beta].map(routeKeyId).sort());
    expect([v1.size, v2.size, v3.size]).toEqual([3, 4, 3]);
  });

  it('refuses to advance a snapshot that was already advanced', () => {
    const v1 = new RegistrySnapshot('prod', 1, [system], new Date());
    v1.advance(2, [], new Date(), [], []);
    expect(() => v1.advance(3, [], new Date(), [], [])).toThrow(/already advanced to 2/);
  });
});

describe('RouteIndex', () => {
  it('keeps any number of project routes per tenant through puts and deletes', () => {
    const index = RouteIndex.of('prod', [acme]);
    const projects = ['p_a', 'p_b', 'p_c', 'p_d'];
    for (const p of projects) index.set(route('t_acme', p));
    expect(index.size).toBe(5);
    for (const p of projects) expect(index.find('kpi', 't_acme', 'prod', p)?.project_id).toBe(p);
    expect(index.delete(route('t_acme', 'p_a'))?.project_id).toBe('p_a');
    expect(index.delete(route('t_acme', 'p_c'))?.project_id).toBe('p_c');
    expect(index.delete(route('t_acme', 'p_c'))).toBeUndefined();
    const replaced = route('t_acme', 'p_d', 'two');
    expect(index.set(replaced)?.config).toEqual(route('t_acme', 'p_d').config);
    index.set(route('t_acme', 'p_e'));
    expect(index.find('kpi', 't_acme', 'prod', 'p_a')).toBeUndefined();
    expect(index.find('kpi', 't_acme', 'prod', 'p_d')).toBe(replaced);
    expect([...index.values()].map((r) => r.project_id ?? '*').sort()).toEqual([
      '*',
      'p_b',
      'p_d',
      'p_e',
    ]);
    expect(index.size).toBe(4);
    for (const p of ['p_b', 'p_d', 'p_e']) index.delete(route('t_acme', p));
    index.delete(acme);
    expect(index.size).toBe(0);
    expect(index.tenantsOf('kpi')).toBeUndefined();
  });
});
