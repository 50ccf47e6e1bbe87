import { InMemoryRateLimitRepository } from '../../src/features/rate-limit/adapters/in-memory-rate-limit.repository';
import { rateLimitRepositoryContract } from './rate-limit.repository.contract';

describe('InMemoryRateLimitRepository', () => {
  rateLimitRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryRateLimitRepository(), close: () => Promise.resolve() }),
  );
});
