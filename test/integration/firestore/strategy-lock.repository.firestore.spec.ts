import { FirestoreStrategyLockRepository } from '../../../src/features/strategy-lock/adapters/firestore-strategy-lock.repository';
import { strategyLockRepositoryContract } from '../../contract/strategy-lock.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): transactions are not isolated there, so two
// racing approvals cannot be shown to serialise; the suite shows the single-writer logic,
// which is what real Firestore's serializable transactions make safe under contention.
describe('FirestoreStrategyLockRepository (Firestore emulator)', () => {
  strategyLockRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'sl' });
    return Promise.resolve({ repo: new FirestoreStrategyLockRepository(fs), close: fs.close });
  });
});
