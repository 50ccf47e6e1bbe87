import { FirestoreFeatureFlagsRepository } from '../../../src/features/feature-flags/adapters/firestore-feature-flags.repository';
import { featureFlagRepositoryContract } from '../../contract/feature-flags.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing If-Match writes cannot be shown to conflict on the emulator; the sequential
// stale-version case below is what it can show.
describe('FirestoreFeatureFlagsRepository (Firestore emulator)', () => {
  featureFlagRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'ff' });
    return Promise.resolve({ repo: new FirestoreFeatureFlagsRepository(fs), close: fs.close });
  });
});
