import { FirestoreNexusBackendRepository } from '../../../src/features/nexus-backend/adapters/firestore-nexus-backend.repository';
import { InMemoryNexusBackendRepository } from '../../../src/features/nexus-backend/adapters/in-memory-nexus-backend.repository';
import { nexusRepositoryContract } from '../../contract/nexus-backend.repository.contract';
import { nexusBackendScopeData } from '../../contract/nexus-backend.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'nx' });
    return Promise.resolve({ repo: new FirestoreNexusBackendRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryNexusBackendRepository(), close: () => Promise.resolve() }),
};

// No emulator gap applies: records are immutable, written once with create(), and every
// query is equality / array-contains-any filters plus one range on the top-level `id`.
describe('FirestoreNexusBackendRepository (Firestore emulator)', () => {
  nexusRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, nexusBackendScopeData);
  scopeDataContract(firestore, memory, nexusBackendScopeData);
});
