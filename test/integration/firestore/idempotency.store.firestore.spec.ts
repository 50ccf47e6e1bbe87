import { FirestoreIdempotencyStore } from '../../../src/infra/idempotency/firestore-idempotency.store';
import { idempotencyStoreContract } from '../../contract/idempotency.store.contract';
import { newFirestoreClient } from '../../utils/test-servers';

// Emulator gap (docs/firestore-emulator.md): transactions are not isolated there, so the
// concurrent takeover test rests on the create() of the attempt document, which it enforces.
describe('FirestoreIdempotencyStore (Firestore emulator)', () => {
  idempotencyStoreContract(() => {
    const store = new FirestoreIdempotencyStore(newFirestoreClient());
    return Promise.resolve({ store, close: () => store.close() });
  });
});
