import { InMemoryKpiRepository } from '../../src/features/kpi/adapters/in-memory-kpi.repository';
import { kpiRepositoryContract } from './kpi.repository.contract';
import { kpiScopeData } from './kpi.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryKpiRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryKpiRepository', () => {
  kpiRepositoryContract(memory.make);
  scopeDataContract(memory, memory, kpiScopeData);
});
