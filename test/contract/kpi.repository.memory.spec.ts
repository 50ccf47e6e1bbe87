import { InMemoryKpiRepository } from '../../src/features/kpi/adapters/in-memory-kpi.repository';
import { kpiRepositoryContract } from './kpi.repository.contract';

describe('InMemoryKpiRepository', () => {
  kpiRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryKpiRepository(), close: () => Promise.resolve() }),
  );
});
