import { InMemoryChatBusRepository } from '../../src/features/chat-bus/adapters/in-memory-chat-bus.repository';
import { chatRepositoryContract, CONTRACT_MAXLEN } from './chat-bus.repository.contract';
import { chatBusMoveChecks, chatBusScopeData } from './chat-bus.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryChatBusRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryChatBusRepository', () => {
  chatRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryChatBusRepository(CONTRACT_MAXLEN),
      close: () => Promise.resolve(),
    }),
  );
  scopeDataContract(memory, memory, chatBusScopeData);
  chatBusMoveChecks(memory, memory);
});
