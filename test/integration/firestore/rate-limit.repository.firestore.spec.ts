import type { Timestamp } from '@google-cloud/firestore';
import { Scope } from '../../../src/common/scope/scope';
import { collectRecords } from '../../../src/common/scope-data/scope-data';
import { FirestoreRateLimitRepository } from '../../../src/features/rate-limit/adapters/firestore-rate-limit.repository';
import { InMemoryRateLimitRepository } from '../../../src/features/rate-limit/adapters/in-memory-rate-limit.repository';
import { RedisRateLimitRepository } from '../../../src/features/rate-limit/adapters/redis-rate-limit.repository';
import type { RateLimitRepository } from '../../../src/features/rate-limit/rate-limit.repository';
import { rateLimitRepositoryContract } from '../../contract/rate-limit.repository.contract';
import { rateLimitMoveChecks, rateLimitScopeData } from '../../contract/rate-limit.scope-data';
import { scopeDataContract, type ScopeDataSide } from '../../contract/scope-data.contract';
import { firestoreHandle, redisHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'rl' });
    return Promise.resolve({ repo: new FirestoreRateLimitRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryRateLimitRepository(), close: () => Promise.resolve() }),
};
const redis = {
  backend: 'redis',
  make: () => {
    const handle = redisHandle();
    return Promise.resolve({ repo: new RedisRateLimitRepository(handle), close: handle.close });
  },
};

// Consumption claims numbered tickets with create(), whose ALREADY_EXISTS the emulator
// enforces like Firestore, so the exact-limit concurrency test of the contract is meaningful
// here. Emulator gap (docs/firestore-emulator.md): policy writes use a transaction, and two
// racing If-Match writes cannot be shown to conflict on the emulator (no isolation); the
// sequential stale-version case is what it can show.
describe('FirestoreRateLimitRepository (Firestore emulator)', () => {
  rateLimitRepositoryContract(firestore.make);
  const pairs: [ScopeDataSide<RateLimitRepository>, ScopeDataSide<RateLimitRepository>][] = [
    [memory, firestore],
    [firestore, memory],
    [redis, firestore],
    [firestore, redis],
  ];
  for (const [from, to] of pairs) {
    scopeDataContract(from, to, rateLimitScopeData);
    rateLimitMoveChecks(from, to);
  }

  it('records each allowed consumption as one immutable numbered ticket under the scope, and nothing for a denied one', async () => {
    const fs = firestoreHandle({ collectionPrefix: 'rlt' });
    try {
      const scope = Scope.of('t_rl_tickets', 'test', 'p_web');
      const repo = new FirestoreRateLimitRepository(fs);
      const request = { action: 'a', subject: 'u_1', cost: 2, limit: 5, windowMs: 60_000 };
      await Promise.all([
        repo.consume(scope, request),
        repo.consume(scope, request),
        repo.consume(scope, request),
      ]);
      const tickets = await fs.db
        .collection(
          'rlt_tenants/t_rl_tickets/envs/test/projects/p_web/rate_limit_keys/a|u_1/tickets',
        )
        .orderBy('n')
        .get();
      expect(tickets.docs.map((d): unknown[] => [d.id, d.get('n'), d.get('total')])).toEqual([
        ['000000000000001', 1, 2],
        ['000000000000002', 2, 4],
      ]);
    } finally {
      await fs.close();
    }
  });

  it('writes the key document with the first ticket, and again only when it would expire before a new one', async () => {
    const fs = firestoreHandle({ collectionPrefix: 'rlk' });
    try {
      const scope = Scope.of('t_rl_keydoc', 'test', 'p_web');
      const repo = new FirestoreRateLimitRepository(fs);
      const request = { action: 'a', subject: 'u_1', cost: 1, limit: 5, windowMs: 60_000 };
      const keys = 'rlk_tenants/t_rl_keydoc/envs/test/projects/p_web/rate_limit_keys';
      await repo.consume(scope, request);
      const key = await fs.db.doc(`${keys}/a|u_1`).get();
      expect(key.data()).toMatchObject({
        action: 'a',
        subject: 'u_1',
        tenant_id: 't_rl_keydoc',
        env: 'test',
        project_id: 'p_web',
      });
      await repo.consume(scope, request);
      const tickets = await fs.db.collection(`${keys}/a|u_1/tickets`).orderBy('n').get();
      const until = tickets.docs.map((d) => d.get('key_until') as number);
      expect(until[1]).toBe(until[0]);
      expect((key.get('expire_at') as Timestamp).toMillis()).toBe(
        Math.ceil((until[0] ?? 0) / 1000),
      );
      // A policy with a much longer window needs the key document kept longer: rewritten.
      await repo.consume(scope, { ...request, windowMs: 86_400_000 });
      const renewed = await fs.db.doc(`${keys}/a|u_1`).get();
      expect((renewed.get('expire_at') as Timestamp).toMillis()).toBeGreaterThan(
        Date.now() + 86_400_000,
      );
    } finally {
      await fs.close();
    }
  });

  it('deletes one scope only: its policies, key documents and tickets', async () => {
    const fs = firestoreHandle({ collectionPrefix: 'rld' });
    try {
      const repo = new FirestoreRateLimitRepository(fs);
      const gone = Scope.of('t_rl_delete', 'test', 'p_web');
      const kept = gone.tenantWide();
      for (const scope of [gone, kept]) await rateLimitScopeData.seed(repo, scope);
      await repo.deleteScope(gone);
      expect(await collectRecords(repo.exportScope(gone))).toEqual([]);
      const tickets = await fs.db
        .collection(
          'rld_tenants/t_rl_delete/envs/test/projects/p_web/rate_limit_keys/export|u_b/tickets',
        )
        .get();
      expect(tickets.empty).toBe(true);
      const left = await collectRecords(repo.exportScope(kept));
      expect(left.map((r) => `${r.collection}/${r.id}`).sort()).toEqual([
        'policies/api.call',
        'policies/export',
        'windows/api.call|*',
        'windows/api.call|u_a',
        'windows/export|u_b',
      ]);
    } finally {
      await fs.close();
    }
  });
});
