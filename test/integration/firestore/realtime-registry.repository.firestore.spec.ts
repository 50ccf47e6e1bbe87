import { Scope } from '../../../src/common/scope/scope';
import { FirestoreRealtimeRegistryRepository } from '../../../src/features/realtime-registry/adapters/firestore-realtime-registry.repository';
import { realtimeRegistrationRepositoryContract } from '../../contract/realtime-registry.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// The claim is create(), whose ALREADY_EXISTS the emulator enforces exactly like Firestore
// (docs/firestore-emulator.md), so the concurrent-claims test below is meaningful here.
describe('FirestoreRealtimeRegistryRepository (Firestore emulator)', () => {
  realtimeRegistrationRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'rt' });
    return Promise.resolve({
      repo: new FirestoreRealtimeRegistryRepository(fs),
      close: fs.close,
    });
  });

  it('stores registrations in the global {prefix_}realtime_threads collection, keyed by id', async () => {
    const fs = firestoreHandle({ collectionPrefix: 'rtg' });
    try {
      await new FirestoreRealtimeRegistryRepository(fs).register(
        Scope.of('t_rt_g', 'test', 'p_web'),
        { type: 'thread', id: 'global-1', actor: 'u_a' },
      );
      const snap = await fs.db.doc('rtg_realtime_threads/global-1').get();
      expect(snap.get('tenant_id')).toBe('t_rt_g');
    } finally {
      await fs.close();
    }
  });
});
