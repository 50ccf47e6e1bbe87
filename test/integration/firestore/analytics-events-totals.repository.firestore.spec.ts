import { FirestoreAnalyticsEventsRepository } from '../../../src/features/analytics-events/adapters/firestore-analytics-events.repository';
import { analyticsEventTotalsContract } from '../../contract/analytics-events-totals.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';
import { ownFirestoreEmulator } from '../../utils/own-firestore-emulator';

// Thousands of writes: on an emulator of this file's own.
const emulator = ownFirestoreEmulator();

// Emulator gap (docs/firestore-emulator.md): a batch is applied write by write there, so
// "the event and its total increments land together or not at all" cannot be shown on it;
// on real Firestore the one batch is atomic. Concurrent appends over 4 shards per bucket
// (FieldValue.increment, exact on the emulator) are shown to add up to a full recount.
describe('FirestoreAnalyticsEventsRepository running totals (Firestore emulator)', () => {
  analyticsEventTotalsContract(() => {
    const fs = firestoreHandle({ host: emulator.host, collectionPrefix: 'atot' });
    return Promise.resolve({ repo: new FirestoreAnalyticsEventsRepository(fs), close: fs.close });
  });
});
