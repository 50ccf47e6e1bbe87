import { MemoryIdempotencyStore } from '../../src/common/idempotency/memory-idempotency.store';
import { idempotencyStoreContract } from './idempotency.store.contract';

describe('MemoryIdempotencyStore', () => {
  idempotencyStoreContract(() => {
    const store = new MemoryIdempotencyStore();
    return Promise.resolve({ store, close: () => store.close() });
  });
});
