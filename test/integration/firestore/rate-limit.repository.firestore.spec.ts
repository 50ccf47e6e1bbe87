import { Scope } from '../../../src/common/scope/scope';
import { FirestoreRateLimitRepository } from '../../../src/features/rate-limit/adapters/firestore-rate-limit.repository';
import { rateLimitRepositoryContract } from '../../contract/rate-limit.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Consumption claims numbered tickets with create(), whose ALREADY_EXISTS the emulator
// enforces like Firestore, so the exact-limit concurrency test of the contract is meaningful
// here. Emulator gap (docs/firestore-emulator.md): policy writes use a transaction, and two
// racing If-Match writes cannot be shown to conflict on the emulator (no isolation); the
// sequential stale-version case is what it can show.
describe('FirestoreRateLimitRepository (Firestore emulator)', () => {
  rateLimitRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'rl' });
    return Promise.resolve({ repo: new FirestoreRateLimitRepository(fs), close: fs.close });
  });

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
});
