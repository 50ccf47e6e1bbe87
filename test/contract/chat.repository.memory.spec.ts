import { InMemoryChatRepository } from '../../src/features/chat-bus/adapters/in-memory-chat.repository';
import { chatRepositoryContract, CONTRACT_MAXLEN } from './chat.repository.contract';

describe('InMemoryChatRepository', () => {
  chatRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryChatRepository(CONTRACT_MAXLEN),
      close: () => Promise.resolve(),
    }),
  );
});
