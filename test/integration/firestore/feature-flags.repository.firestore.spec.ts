import { FirestoreFeatureFlagsRepository } from '../../../src/features/feature-flags/adapters/firestore-feature-flags.repository';
import { InMemoryFeatureFlagsRepository } from '../../../src/features/feature-flags/adapters/in-memory-feature-flags.repository';
import { featureFlagRepositoryContract } from '../../contract/feature-flags.repository.contract';
import { featureFlagsScopeData } from '../../contract/feature-flags.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'ff' });
    return Promise.resolve({ repo: new FirestoreFeatureFlagsRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryFeatureFlagsRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing If-Match writes cannot be shown to conflict on the emulator; the sequential
// stale-version case below is what it can show.
describe('FirestoreFeatureFlagsRepository (Firestore emulator)', () => {
  featureFlagRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, featureFlagsScopeData);
  scopeDataContract(firestore, memory, featureFlagsScopeData);
});
