import { Scope } from '../../src/common/scope/scope';
import { collectRecords } from '../../src/common/scope-data/scope-data';
import type { MemoryRepository } from '../../src/features/memory/memory.repository';
import type { SessionRef } from '../../src/features/memory/memory.types';
import type { ScopeDataContractOptions, ScopeDataSide } from './scope-data.contract';

const SESSIONS: SessionRef[] = [
  { owner: 'u_a', sessionId: 's1' },
  { owner: 'u_a', sessionId: 's2' },
  { owner: 'auth0|u b@example.com', sessionId: 's1' },
];
const KEYS = ['plan', 'soon', 'expired', 'gone'];
const minutes = (n: number): string => new Date(Date.now() + n * 60_000).toISOString();

/**
 * Memory for the scope-data round trip: messages in three sessions of two owners (one with a
 * `sub` no document id could hold as it is), and blackboards written twice (version 2),
 * expiring later, already expired, and deleted; read back session by session and key by key.
 */
export const memoryScopeData: ScopeDataContractOptions<MemoryRepository> = {
  async seed(repo, scope) {
    for (const [i, session] of SESSIONS.entries()) {
      await repo.appendMessage(scope, session, { role: 'user', content: `q${i}`, metadata: {} });
      await repo.appendMessage(scope, session, {
        role: 'agent',
        content: `a${i}`,
        metadata: { nested: [[i], { x: null }] },
      });
    }
    const put = (key: string, data: unknown, expiresAt: string | null, actor = 'u_a') =>
      repo.putBlackboard(scope, key, { data, expiresAt }, { actor });
    await put('plan', { steps: [1, 2] }, null);
    await put('plan', [['nested'], null], null, 'u_b');
    await put('soon', 'text', minutes(60));
    await put('expired', 1, minutes(-60));
    await put('gone', true, null);
    await repo.deleteBlackboard(scope, 'gone', {});
  },
  async read(repo, scope) {
    return {
      sessions: await Promise.all(SESSIONS.map((s) => repo.listMessages(scope, s, { limit: 50 }))),
      boards: await Promise.all(KEYS.map((key) => repo.getBlackboard(scope, key))),
    };
  },
};

/**
 * What the generic round trip cannot show: the copy behaves like the original. A session
 * goes on after its copied messages (the next append lists last), a blackboard put over a
 * copied expired entry takes the next version, and `If-Match` holds against copied versions.
 */
export function memoryMovedBehaviour(
  from: ScopeDataSide<MemoryRepository>,
  to: ScopeDataSide<MemoryRepository>,
): void {
  describe(`scope data: ${from.backend} → ${to.backend}, the copy behaves like the original`, () => {
    it('continues sessions and blackboard versions where the source left them', async () => {
      const a = await from.make();
      const b = await to.make();
      try {
        const scope = Scope.of(`t_sd_mem_${Date.now().toString(36)}`, 'test', 'p_web');
        await memoryScopeData.seed(a.repo, scope);
        await b.repo.importRecords(scope, await collectRecords(a.repo.exportScope(scope)));

        const session = SESSIONS[0] as SessionRef;
        const copied = await b.repo.listMessages(scope, session, { limit: 50 });
        const next = await b.repo.appendMessage(scope, session, {
          role: 'user',
          content: 'again',
          metadata: {},
        });
        expect(await b.repo.listMessages(scope, session, { limit: 50 })).toEqual([...copied, next]);
        const after = copied.at(-1)?.id;
        expect(await b.repo.listMessages(scope, session, { limit: 50, after })).toEqual([next]);

        const revived = await b.repo.putBlackboard(
          scope,
          'expired',
          { data: 2, expiresAt: null },
          { actor: 'u_c' },
        );
        expect(revived.version).toBe(2);
        const plan = await b.repo.putBlackboard(
          scope,
          'plan',
          { data: 'v3', expiresAt: null },
          { actor: 'u_c', expectedVersion: 2 },
        );
        expect(plan.version).toBe(3);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
