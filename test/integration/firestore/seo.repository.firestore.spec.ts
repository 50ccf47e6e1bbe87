import { FirestoreSeoRepository } from '../../../src/features/seo/adapters/firestore-seo.repository';
import { seoConfigRepositoryContract } from '../../contract/seo.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): transactions are not isolated there, so two
// racing If-Match PUTs cannot be shown to conflict; the sequential logic is what it shows.
describe('FirestoreSeoRepository (Firestore emulator)', () => {
  seoConfigRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'seo' });
    return Promise.resolve({ repo: new FirestoreSeoRepository(fs), close: fs.close });
  });
});
