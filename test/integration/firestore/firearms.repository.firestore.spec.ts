import { FirestoreFirearmsRepository } from '../../../src/features/firearms/adapters/firestore-firearms.repository';
import { firearmsRepositoryContract } from '../../contract/firearms.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing revokes or If-Match action writes cannot be shown to conflict on the
// emulator; the sequential stale-version and already-revoked cases are what it can show.
describe('FirestoreFirearmsRepository (Firestore emulator)', () => {
  firearmsRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'fa' });
    return Promise.resolve({ repo: new FirestoreFirearmsRepository(fs), close: fs.close });
  });
});
