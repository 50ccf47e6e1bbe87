import { FirestoreMaybeRepository } from '../../../src/features/maybes/adapters/firestore-maybe.repository';
import { maybeRepositoryContract } from '../../contract/maybe.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so two racing If-Match updates cannot be shown to conflict on the emulator; the sequential
// stale-version cases of the contract are what it can show.
describe('FirestoreMaybeRepository (Firestore emulator)', () => {
  maybeRepositoryContract((options) => {
    const fs = firestoreHandle({ collectionPrefix: 'mb' });
    return Promise.resolve({ repo: new FirestoreMaybeRepository(fs, options), close: fs.close });
  });
});
