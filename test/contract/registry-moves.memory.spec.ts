import { MemoryRegistryStore } from '../../src/routing/store/memory-registry.store';
import { registryMovesContract } from './registry-moves.contract';

describe('MemoryRegistryStore: moves', () => {
  registryMovesContract(() => Promise.resolve(new MemoryRegistryStore()));
});
