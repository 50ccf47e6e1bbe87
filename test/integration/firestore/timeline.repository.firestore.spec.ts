import { FirestoreTimelineRepository } from '../../../src/features/timeline/adapters/firestore-timeline.repository';
import { timelineRepositoryContract } from '../../contract/timeline.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Emulator gap (docs/firestore-emulator.md): concurrent transactions are not isolated there,
// so the contract's contention test (parallel read-modify-write units) is not run here: the
// emulator cannot show it. What it can show runs: all-or-nothing units, creates first (a
// lost create leaves the unit's other writes unwritten), whole-document puts, isolation.
describe('FirestoreTimelineRepository (Firestore emulator)', () => {
  timelineRepositoryContract(
    () => {
      const fs = firestoreHandle({ collectionPrefix: 'tl' });
      return Promise.resolve({ repo: new FirestoreTimelineRepository(fs), close: fs.close });
    },
    { isolatesConcurrentUnits: false },
  );
});
