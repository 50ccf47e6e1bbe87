import { Scope } from '../../common/scope/scope';
import { RegistrySnapshot } from '../registry-snapshot';
import type { Route } from '../route.types';
import type { ScopeFreeze } from './move.types';

const route = (tenant: string, project: string | null): Route => ({
  resource_kind: 'feature_flags',
  tenant_id: tenant,
  env: 'prod',
  project_id: project,
  backend_type: 'firestore',
  config: {},
  required: false,
  version: 1,
  updated_at: '',
  updated_by: '',
  rationale: '',
});

const freeze = (project: string | null, leaseMs = 60_000): ScopeFreeze => ({
  move_id: 'mv_1',
  resource_kind: 'feature_flags',
  tenant_id: 't_acme',
  env: 'prod',
  project_id: project,
  lease_expires_at: new Date(Date.now() + leaseMs).toISOString(),
});

const snapshot = (freezes: ScopeFreeze[]): RegistrySnapshot =>
  new RegistrySnapshot(
    'prod',
    1,
    [route('t_system', null), route('t_acme', 'p_own')],
    new Date(),
    [],
    freezes,
  );

describe('RegistrySnapshot.frozenFor', () => {
  const at = (project: string | null, tenant = 't_acme') => Scope.of(tenant, 'prod', project);

  it('a tenant-wide freeze holds the tenant level and projects without their own route', () => {
    const s = snapshot([freeze(null)]);
    expect(s.frozenFor('feature_flags', at(null))?.move_id).toBe('mv_1');
    expect(s.frozenFor('feature_flags', at('p_web'))?.move_id).toBe('mv_1');
    expect(s.frozenFor('feature_flags', at('p_own'))).toBeNull();
  });

  it('a project freeze holds that project only; other kinds, tenants and envs are free', () => {
    const s = snapshot([freeze('p_web')]);
    expect(s.frozenFor('feature_flags', at('p_web'))).not.toBeNull();
    expect(s.frozenFor('feature_flags', at('p_two'))).toBeNull();
    expect(s.frozenFor('feature_flags', at(null))).toBeNull();
    expect(s.frozenFor('kpi', at('p_web'))).toBeNull();
    expect(s.frozenFor('feature_flags', at('p_web', 't_other'))).toBeNull();
    expect(s.frozenFor('feature_flags', Scope.of('t_acme', 'dev', 'p_web'))).toBeNull();
  });

  it('a freeze whose lease has lapsed holds nothing', () => {
    const s = snapshot([freeze(null, -1)]);
    expect(s.frozenFor('feature_flags', at('p_web'))).toBeNull();
  });
});
