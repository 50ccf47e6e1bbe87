import { FirestoreTimelineRepository } from '../../../src/features/timeline/adapters/firestore-timeline.repository';
import { InMemoryTimelineRepository } from '../../../src/features/timeline/adapters/in-memory-timeline.repository';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { timelineRepositoryContract } from '../../contract/timeline.repository.contract';
import { timelineScopeData } from '../../contract/timeline.scope-data';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'tl' });
    return Promise.resolve({ repo: new FirestoreTimelineRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryTimelineRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so the contract's contention test (parallel read-modify-write units) is not run here: the
// emulator cannot show it. What it can show runs: all-or-nothing units, creates first (a
// lost create leaves the unit's other writes unwritten), whole-document puts, isolation.
describe('FirestoreTimelineRepository (Firestore emulator)', () => {
  timelineRepositoryContract(firestore.make, { isolatesConcurrentUnits: false });
  scopeDataContract(memory, firestore, timelineScopeData);
  scopeDataContract(firestore, memory, timelineScopeData);
});
