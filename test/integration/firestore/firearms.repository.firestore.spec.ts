import { FirestoreFirearmsRepository } from '../../../src/features/firearms/adapters/firestore-firearms.repository';
import { InMemoryFirearmsRepository } from '../../../src/features/firearms/adapters/in-memory-firearms.repository';
import { firearmsRepositoryContract } from '../../contract/firearms.repository.contract';
import { firearmsScopeData } from '../../contract/firearms.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'fa' });
    return Promise.resolve({ repo: new FirestoreFirearmsRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryFirearmsRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing revokes or If-Match action writes cannot be shown to conflict on the
// emulator; the sequential stale-version and already-revoked cases are what it can show.
describe('FirestoreFirearmsRepository (Firestore emulator)', () => {
  firearmsRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, firearmsScopeData);
  scopeDataContract(firestore, memory, firearmsScopeData);
});
