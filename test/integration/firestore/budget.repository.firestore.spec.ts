import { FirestoreBudgetRepository } from '../../../src/features/budget/adapters/firestore-budget.repository';
import { budgetRepositoryContract } from '../../contract/budget.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gaps (docs/firestore-emulator.md): transactions are not isolated there, so two
// racing policy writes cannot be shown to serialise (both may write version 1); the
// deterministic document id is what keeps them to one row, and that the emulator shows.
// A batch is not atomic on the emulator either, so "500 events all or none" is shown only
// for the success path; ids are fresh, so no create() in the batch can collide.
describe('FirestoreBudgetRepository (Firestore emulator)', () => {
  budgetRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'budget' });
    return Promise.resolve({ repo: new FirestoreBudgetRepository(fs), close: fs.close });
  });
});
