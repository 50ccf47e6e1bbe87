import { FirestoreAnalyticsEventRepository } from '../../../src/features/analytics-events/adapters/firestore-analytics-event.repository';
import { analyticsEventTotalsContract } from '../../contract/analytics-event-totals.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';
import { ownFirestoreEmulator } from '../../utils/own-firestore-emulator';

// Thousands of writes: on an emulator of this file's own.
const emulator = ownFirestoreEmulator();

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
