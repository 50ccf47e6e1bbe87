import { FirestoreMaybesRepository } from '../../../src/features/maybes/adapters/firestore-maybes.repository';
import { InMemoryMaybesRepository } from '../../../src/features/maybes/adapters/in-memory-maybes.repository';
import { maybeRepositoryContract } from '../../contract/maybes.repository.contract';
import { maybesScopeData } from '../../contract/maybes.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'mb' });
    return Promise.resolve({ repo: new FirestoreMaybesRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryMaybesRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing If-Match updates cannot be shown to conflict on the emulator; the sequential
// stale-version cases of the contract are what it can show.
describe('FirestoreMaybesRepository (Firestore emulator)', () => {
  maybeRepositoryContract((options) => {
    const fs = firestoreHandle({ collectionPrefix: 'mb' });
    return Promise.resolve({ repo: new FirestoreMaybesRepository(fs, options), close: fs.close });
  });
  scopeDataContract(memory, firestore, maybesScopeData);
  scopeDataContract(firestore, memory, maybesScopeData);
});
