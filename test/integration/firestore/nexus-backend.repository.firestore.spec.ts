import { FirestoreNexusBackendRepository } from '../../../src/features/nexus-backend/adapters/firestore-nexus-backend.repository';
import { nexusRepositoryContract } from '../../contract/nexus-backend.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// No emulator gap applies: records are immutable, written once with create(), and every
// query is equality / array-contains-any filters plus one range on the top-level `id`.
describe('FirestoreNexusBackendRepository (Firestore emulator)', () => {
  nexusRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'nx' });
    return Promise.resolve({ repo: new FirestoreNexusBackendRepository(fs), close: fs.close });
  });
});
