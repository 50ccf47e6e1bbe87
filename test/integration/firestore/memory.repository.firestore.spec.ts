import { FirestoreMemoryRepository } from '../../../src/features/memory/adapters/firestore-memory.repository';
import { memoryRepositoryContract } from '../../contract/memory.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing If-Match blackboard writes cannot be shown to conflict on the emulator; the
// sequential stale-version cases are what it can show. Concurrent message appends need no
// isolation (each is its own create()), so the 50-append case is meaningful here.
describe('FirestoreMemoryRepository (Firestore emulator)', () => {
  memoryRepositoryContract((options) => {
    const fs = firestoreHandle({ collectionPrefix: 'mem' });
    return Promise.resolve({ repo: new FirestoreMemoryRepository(fs, options), close: fs.close });
  });
});
