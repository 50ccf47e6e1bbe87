import { FirestoreAnalyticsEventRepository } from '../../../src/features/analytics-events/adapters/firestore-analytics-event.repository';
import { analyticsEventTotalsContract } from '../../contract/analytics-event-totals.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';
import {
  startFirestoreEmulator,
  type FirestoreEmulatorHandle,
} from '../../../tools/local-servers/firestore-emulator';

// Thousands of writes: on an emulator of this file's own. The emulator re-runs every open
// query listener on each write anywhere, so on the run's shared emulator these writes would
// multiply by every other suite's registry listener.
let emulator: FirestoreEmulatorHandle;
beforeAll(async () => {
  emulator = await startFirestoreEmulator();
});
afterAll(() => emulator.stop());

// Emulator gap (docs/firestore-emulator.md): a batch is applied write by write there, so
// "the event and its total increments land together or not at all" cannot be shown on it;
// on real Firestore the one batch is atomic. Concurrent appends over 4 shards per bucket
// (FieldValue.increment, exact on the emulator) are shown to add up to a full recount.
describe('FirestoreAnalyticsEventRepository running totals (Firestore emulator)', () => {
  analyticsEventTotalsContract(() => {
    const fs = firestoreHandle({ host: emulator.host, collectionPrefix: 'atot' });
    return Promise.resolve({ repo: new FirestoreAnalyticsEventRepository(fs), close: fs.close });
  });
});
