import { Scope } from '../../../src/common/scope/scope';
import { FirestoreRealtimeRegistryRepository } from '../../../src/features/realtime-registry/adapters/firestore-realtime-registry.repository';
import { InMemoryRealtimeRegistryRepository } from '../../../src/features/realtime-registry/adapters/in-memory-realtime-registry.repository';
import { realtimeRegistrationRepositoryContract } from '../../contract/realtime-registry.repository.contract';
import {
  realtimeRegistryImportCheck,
  realtimeRegistryScopeData,
} from '../../contract/realtime-registry.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'rt' });
    return Promise.resolve({
      repo: new FirestoreRealtimeRegistryRepository(fs),
      close: fs.close,
    });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({
      repo: new InMemoryRealtimeRegistryRepository(),
      close: () => Promise.resolve(),
    }),
};

// The claim is create(), whose ALREADY_EXISTS the emulator enforces exactly like Firestore
// (docs/firestore-emulator.md), so the concurrent-claims test below is meaningful here.
describe('FirestoreRealtimeRegistryRepository (Firestore emulator)', () => {
  realtimeRegistrationRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, realtimeRegistryScopeData);
  scopeDataContract(firestore, memory, realtimeRegistryScopeData);
  realtimeRegistryImportCheck(firestore);

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
