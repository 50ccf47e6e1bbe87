import { MemoryIdempotencyStore } from '../../src/infra/idempotency/memory-idempotency.store';
import { idempotencyStoreContract } from './idempotency.store.contract';

describe('MemoryIdempotencyStore', () => {
  idempotencyStoreContract(() => {
    const store = new MemoryIdempotencyStore();
    return Promise.resolve({ store, close: () => store.close() });
  });
});
