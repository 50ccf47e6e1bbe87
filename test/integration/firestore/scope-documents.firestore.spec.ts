import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../src/backends/firestore/scope-documents';
import { Scope } from '../../../src/common/scope/scope';
import { firestoreHandle } from '../../utils/backend-handles';
import { ownFirestoreEmulator } from '../../utils/own-firestore-emulator';
import { newFirestoreClient } from '../../utils/test-servers';

// Its own emulator: 1,200 writes on the shared one would slow every suite's listeners.
const emulator = ownFirestoreEmulator();

/** The Firestore helpers every adapter's export, import and delete use, past one page. */
describe('scope documents (Firestore emulator)', () => {
  let fs: ReturnType<typeof firestoreHandle>;
  beforeAll(() => {
    fs = firestoreHandle({ collectionPrefix: 'sd', host: emulator.host });
  });
  afterAll(() => fs.close());

  it('writes, reads and deletes more documents than one batch or page holds', async () => {
    const scope = Scope.of('t_docs', 'test', 'p_web');
    const collection = fs.scoped(scope, 'things');
    const count = 1_200;
    await setDocuments(
      collection,
      Array.from({ length: count }, (_, i) => [collection.doc(`d${i}`), { i }] as const),
    );
    const ids = new Set<string>();
    for await (const doc of documentsOf(collection)) ids.add(doc.id);
    expect(ids.size).toBe(count);
    expect(await scopesHeldOn(fs, 't_docs', 'test', ['things'])).toEqual([scope]);
    await deleteCollections([collection]);
    expect((await collection.count().get()).data().count).toBe(0);
    expect(await scopesHeldOn(fs, 't_docs', 'test', ['things'])).toEqual([]);
  });

  it('lets the client terminate after a reader stopped early (a move reads one record to check a target is empty)', async () => {
    const db = newFirestoreClient({ host: emulator.host });
    const collection = db.collection('early');
    await setDocuments(
      collection,
      Array.from({ length: 600 }, (_, i) => [collection.doc(`d${i}`), { i }] as const),
    );
    for await (const doc of documentsOf(collection)) {
      expect(doc.exists).toBe(true);
      break;
    }
    const closed = await Promise.race([
      db.terminate().then(() => 'terminated'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 10 s'), 10_000)),
    ]);
    expect(closed).toBe('terminated');
  });
});
