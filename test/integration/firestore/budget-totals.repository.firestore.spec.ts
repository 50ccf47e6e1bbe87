import { FirestoreBudgetRepository } from '../../../src/features/budget/adapters/firestore-budget.repository';
import { budgetTotalsContract } from '../../contract/budget-totals.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): a batch is applied write by write there, so
// "the usage events and their total increments land together or not at all" cannot be
// shown on it; on real Firestore the one batch is atomic. What the emulator does show is
// that concurrent appends over 4 shards per bucket (FieldValue.increment, which it applies
// exactly) add up to a full recount.
describe('FirestoreBudgetRepository running totals (Firestore emulator)', () => {
  budgetTotalsContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'btot' });
    return Promise.resolve({ repo: new FirestoreBudgetRepository(fs), close: fs.close });
  });
});
