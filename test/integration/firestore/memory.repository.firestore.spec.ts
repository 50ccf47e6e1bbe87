import { FirestoreMemoryRepository } from '../../../src/features/memory/adapters/firestore-memory.repository';
import { InMemoryMemoryRepository } from '../../../src/features/memory/adapters/in-memory-memory.repository';
import { memoryRepositoryContract } from '../../contract/memory.repository.contract';
import { memoryMovedBehaviour, memoryScopeData } from '../../contract/memory.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'mem' });
    return Promise.resolve({ repo: new FirestoreMemoryRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryMemoryRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing If-Match blackboard writes cannot be shown to conflict on the emulator; the
// sequential stale-version cases are what it can show. Concurrent message appends need no
// isolation (each is its own create()), so the 50-append case is meaningful here.
describe('FirestoreMemoryRepository (Firestore emulator)', () => {
  memoryRepositoryContract((options) => {
    const fs = firestoreHandle({ collectionPrefix: 'mem' });
    return Promise.resolve({ repo: new FirestoreMemoryRepository(fs, options), close: fs.close });
  });
  scopeDataContract(memory, firestore, memoryScopeData);
  scopeDataContract(firestore, memory, memoryScopeData);
  memoryMovedBehaviour(memory, firestore);
  memoryMovedBehaviour(firestore, memory);
});
