import { InMemoryRateLimitRepository } from '../../src/features/rate-limit/adapters/in-memory-rate-limit.repository';
import { rateLimitRepositoryContract } from './rate-limit.repository.contract';
import { rateLimitMoveChecks, rateLimitScopeData } from './rate-limit.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryRateLimitRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryRateLimitRepository', () => {
  rateLimitRepositoryContract(memory.make);
  scopeDataContract(memory, memory, rateLimitScopeData);
  rateLimitMoveChecks(memory, memory);
});
