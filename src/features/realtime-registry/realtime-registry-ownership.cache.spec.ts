import { Scope } from '../../common/scope/scope';
import type { RealtimeRegistration } from './realtime-registry.types';
import { RealtimeRegistryOwnershipCache } from './realtime-registry-ownership.cache';

const web = Scope.of('t_acme', 'test', 'p_web');
const registration = (id: string, scope = web): RealtimeRegistration => ({
  id,
  type: 'thread',
  tenant_id: scope.tenantId,
  env: scope.env,
  project_id: scope.projectId,
  created_by: 'u_alice',
  created_at: '2026-01-01T00:00:00.000Z',
});

describe('RealtimeRegistryOwnershipCache', () => {
  it('answers only for the scope and type that own the id', () => {
    const cache = new RealtimeRegistryOwnershipCache();
    cache.remember(web, registration('th1'));
    expect(cache.get(web, 'thread', 'th1')?.id).toBe('th1');
    expect(cache.get(Scope.of('t_acme', 'test', 'p_app'), 'thread', 'th1')).toBeUndefined();
    expect(cache.get(Scope.of('t_acme', 'test'), 'thread', 'th1')).toBeUndefined();
    expect(cache.get(Scope.of('t_other', 'test', 'p_web'), 'thread', 'th1')).toBeUndefined();
    expect(cache.get(Scope.of('t_acme', 'dev', 'p_web'), 'thread', 'th1')).toBeUndefined();
    expect(cache.get(web, 'canvas', 'th1')).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the least recently used entry first', () => {
    const cache = new RealtimeRegistryOwnershipCache(2);
    cache.remember(web, registration('a'));
    cache.remember(web, registration('b'));
    cache.get(web, 'thread', 'a');
    cache.remember(web, registration('c'));
    expect(cache.size).toBe(2);
    expect(cache.get(web, 'thread', 'a')).toBeDefined();
    expect(cache.get(web, 'thread', 'b')).toBeUndefined();
    expect(cache.get(web, 'thread', 'c')).toBeDefined();
  });
});
