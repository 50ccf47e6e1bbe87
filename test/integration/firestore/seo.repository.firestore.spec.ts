import { FirestoreSeoRepository } from '../../../src/features/seo/adapters/firestore-seo.repository';
import { InMemorySeoRepository } from '../../../src/features/seo/adapters/in-memory-seo.repository';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { seoConfigRepositoryContract } from '../../contract/seo.repository.contract';
import { seoScopeData } from '../../contract/seo.scope-data';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'seo' });
    return Promise.resolve({ repo: new FirestoreSeoRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemorySeoRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): transactions are not isolated there, so two
// racing If-Match PUTs cannot be shown to conflict; the sequential logic is what it shows.
describe('FirestoreSeoRepository (Firestore emulator)', () => {
  seoConfigRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, seoScopeData);
  scopeDataContract(firestore, memory, seoScopeData);
});
