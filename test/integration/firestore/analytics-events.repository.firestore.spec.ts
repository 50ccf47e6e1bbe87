import { FirestoreAnalyticsEventsRepository } from '../../../src/features/analytics-events/adapters/firestore-analytics-events.repository';
import { InMemoryAnalyticsEventsRepository } from '../../../src/features/analytics-events/adapters/in-memory-analytics-events.repository';
import { analyticsEventRepositoryContract } from '../../contract/analytics-events.repository.contract';
import { analyticsEventsScopeData } from '../../contract/analytics-events.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'ae' });
    return Promise.resolve({ repo: new FirestoreAnalyticsEventsRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({
      repo: new InMemoryAnalyticsEventsRepository(),
      close: () => Promise.resolve(),
    }),
};

// Append-only with fresh ids: no transaction or uniqueness claim is involved, so no gap of
// docs/firestore-emulator.md applies; every queried field is top-level (metadata is not).
describe('FirestoreAnalyticsEventsRepository (Firestore emulator)', () => {
  analyticsEventRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, analyticsEventsScopeData);
  scopeDataContract(firestore, memory, analyticsEventsScopeData);
});
