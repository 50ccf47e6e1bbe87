import { FirestoreStrategyLockRepository } from '../../../src/features/strategy-lock/adapters/firestore-strategy-lock.repository';
import { InMemoryStrategyLockRepository } from '../../../src/features/strategy-lock/adapters/in-memory-strategy-lock.repository';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { strategyLockRepositoryContract } from '../../contract/strategy-lock.repository.contract';
import { strategyLockScopeData } from '../../contract/strategy-lock.scope-data';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'sl' });
    return Promise.resolve({ repo: new FirestoreStrategyLockRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryStrategyLockRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): transactions are not isolated there, so two
// racing approvals cannot be shown to serialise; the suite shows the single-writer logic,
// which is what real Firestore's serializable transactions make safe under contention.
describe('FirestoreStrategyLockRepository (Firestore emulator)', () => {
  strategyLockRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, strategyLockScopeData);
  scopeDataContract(firestore, memory, strategyLockScopeData);
});
