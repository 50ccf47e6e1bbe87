import { InMemoryChatBusRepository } from '../../src/features/chat-bus/adapters/in-memory-chat-bus.repository';
import { chatRepositoryContract, CONTRACT_MAXLEN } from './chat-bus.repository.contract';

describe('InMemoryChatBusRepository', () => {
  chatRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryChatBusRepository(CONTRACT_MAXLEN),
      close: () => Promise.resolve(),
    }),
  );
});
