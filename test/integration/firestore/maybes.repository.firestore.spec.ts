import { FirestoreMaybesRepository } from '../../../src/features/maybes/adapters/firestore-maybes.repository';
import { maybeRepositoryContract } from '../../contract/maybes.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing If-Match updates cannot be shown to conflict on the emulator; the sequential
// stale-version cases of the contract are what it can show.
describe('FirestoreMaybesRepository (Firestore emulator)', () => {
  maybeRepositoryContract((options) => {
    const fs = firestoreHandle({ collectionPrefix: 'mb' });
    return Promise.resolve({ repo: new FirestoreMaybesRepository(fs, options), close: fs.close });
  });
});
