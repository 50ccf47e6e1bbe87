import { Scope } from '../../src/common/scope/scope';
import type { RealtimeRegistryRepository } from '../../src/features/realtime-registry/realtime-registry.repository';
import { REALTIME_ID_TYPES } from '../../src/features/realtime-registry/realtime-registry.types';
import { RealtimeIdTakenError } from '../../src/features/realtime-registry/realtime-registry.errors';
import type { ScopeDataContractOptions, ScopeDataSide } from './scope-data.contract';

/** Ids are one space across scopes, so the seed names them after the scope. */
const idOf = (scope: Scope, n: number): string =>
  `${scope.tenantId}-${scope.projectId ?? 'tenant'}-${n}`;

/**
 * Registrations for the scope-data round trip: two threads and a canvas owned by the scope
 * (tenant-wide scopes included), read back by type and id.
 */
export const realtimeRegistryScopeData: ScopeDataContractOptions<RealtimeRegistryRepository> = {
  async seed(repo, scope) {
    await repo.register(scope, { type: 'thread', id: idOf(scope, 1), actor: 'u_a' });
    await repo.register(scope, { type: 'thread', id: idOf(scope, 2), actor: 'u_b' });
    await repo.register(scope, { type: 'canvas', id: idOf(scope, 1), actor: 'u_a' });
  },
  read: (repo, scope) =>
    Promise.all(
      REALTIME_ID_TYPES.flatMap((type) =>
        [1, 2, 3].map((n) => repo.get(scope, type, idOf(scope, n))),
      ),
    ),
};

/**
 * What the generic round trip cannot show: an import never takes over an id another scope
 * holds on the target. The batch is refused with `realtime_registry.id_taken` and nothing
 * of it is written.
 */
export function realtimeRegistryImportCheck(side: ScopeDataSide<RealtimeRegistryRepository>): void {
  describe(`scope data: ${side.backend} import keeps ids owned elsewhere`, () => {
    it('refuses a record whose id another scope holds, and writes nothing of the batch', async () => {
      const { repo, close } = await side.make();
      try {
        const tenant = `t_sd_rt_${Date.now().toString(36)}`;
        const owner = Scope.of(tenant, 'test', 'p_owner');
        const mover = Scope.of(tenant, 'test', 'p_mover');
        const taken = await repo.register(owner, {
          type: 'thread',
          id: `${tenant}-x`,
          actor: 'u_a',
        });
        const record = (id: string) => ({
          collection: 'threads',
          id,
          data: { ...taken, id, project_id: 'p_mover', created_by: 'u_m' },
        });
        await expect(
          repo.importRecords(mover, [record(`${tenant}-free`), record(`${tenant}-x`)]),
        ).rejects.toBeInstanceOf(RealtimeIdTakenError);
        expect(await repo.get(owner, 'thread', `${tenant}-x`)).toEqual(taken);
        expect(await repo.get(mover, 'thread', `${tenant}-free`)).toBeNull();
        expect(await repo.scopesHeld(tenant, 'test')).toEqual([owner]);
      } finally {
        await close();
      }
    });
  });
}
