import { FirestoreBudgetRepository } from '../../../src/features/budget/adapters/firestore-budget.repository';
import { InMemoryBudgetRepository } from '../../../src/features/budget/adapters/in-memory-budget.repository';
import { budgetRepositoryContract } from '../../contract/budget.repository.contract';
import { budgetScopeData } from '../../contract/budget.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'budget' });
    return Promise.resolve({ repo: new FirestoreBudgetRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryBudgetRepository(), close: () => Promise.resolve() }),
};

// Emulator gaps (docs/firestore-emulator.md): transactions are not isolated there, so two
// racing policy writes cannot be shown to serialise (both may write version 1); the
// deterministic document id is what keeps them to one row, and that the emulator shows.
// A batch is not atomic on the emulator either, so "500 events all or none" is shown only
// for the success path; ids are fresh, so no create() in the batch can collide.
describe('FirestoreBudgetRepository (Firestore emulator)', () => {
  budgetRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, budgetScopeData);
  scopeDataContract(firestore, memory, budgetScopeData);
});
