import { FirestoreAnalyticsEventsRepository } from '../../../src/features/analytics-events/adapters/firestore-analytics-events.repository';
import { analyticsEventRepositoryContract } from '../../contract/analytics-events.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// Append-only with fresh ids: no transaction or uniqueness claim is involved, so no gap of
// docs/firestore-emulator.md applies; every queried field is top-level (metadata is not).
describe('FirestoreAnalyticsEventsRepository (Firestore emulator)', () => {
  analyticsEventRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'ae' });
    return Promise.resolve({ repo: new FirestoreAnalyticsEventsRepository(fs), close: fs.close });
  });
});
