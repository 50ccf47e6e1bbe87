import { Scope } from '../common/scope/scope';
import { indexRoutes, resolveRoute } from './resolution';
import type { Route } from './route.types';

const route = (tenant: string, project: string | null, env: Route['env'] = 'prod'): Route => ({
  resource_kind: 'kpi',
  tenant_id: tenant,
  env,
  project_id: project,
  backend_type: 'firestore',
  config: { collection_prefix: `${tenant}_${project ?? 'all'}` },
  required: false,
  version: 1,
  updated_at: '',
  updated_by: '',
  rationale: '',
});

describe('resolveRoute', () => {
  const routes = indexRoutes([
    route('t_system', null),
    route('t_acme', null),
    route('t_acme', 'p_web'),
    route('t_beta', null, 'dev'),
  ]);

  it('prefers the project route, then the tenant route, then t_system', () => {
    expect(resolveRoute(routes, 'kpi', Scope.of('t_acme', 'prod', 'p_web')).matched_scope).toBe(
      't_acme/prod/p_web',
    );
    expect(resolveRoute(routes, 'kpi', Scope.of('t_acme', 'prod', 'p_shop')).matched_scope).toBe(
      't_acme/prod/*',
    );
    expect(resolveRoute(routes, 'kpi', Scope.of('t_other', 'prod', 'p_web')).matched_scope).toBe(
      't_system/prod/*',
    );
  });

  it('never falls back across envs', () => {
    const res = resolveRoute(routes, 'kpi', Scope.of('t_beta', 'staging', 'p_web'));
    expect(res).toEqual({
      route: null,
      matched_scope: null,
      tried: ['t_beta/staging/p_web', 't_beta/staging/*', 't_system/staging/*'],
    });
  });

  it('names every scope tried on a miss', () => {
    expect(resolveRoute(routes, 'chat_bus', Scope.of('t_acme', 'prod', 'p_web')).tried).toEqual([
      't_acme/prod/p_web',
      't_acme/prod/*',
      't_system/prod/*',
    ]);
    expect(resolveRoute(routes, 'chat_bus', Scope.of('t_system', 'prod')).tried).toEqual([
      't_system/prod/*',
    ]);
  });
});
