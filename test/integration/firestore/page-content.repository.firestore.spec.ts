import { newSortableId } from '../../../src/common/ids/sortable-id';
import { Scope } from '../../../src/common/scope/scope';
import { FirestorePageContentRepository } from '../../../src/features/page-content/adapters/firestore-page-content.repository';
import { pageRepositoryContract } from '../../contract/page-content.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';

// The slug race in the contract is meaningful here: the claim is a create(), and the
// emulator enforces ALREADY_EXISTS like Firestore. Transactions are not isolated on the
// emulator, so a PATCH racing a delete of the same page is not shown here.
describe('FirestorePageContentRepository (Firestore emulator)', () => {
  pageRepositoryContract(() => {
    const fs = firestoreHandle({ collectionPrefix: 'pg' });
    return Promise.resolve({ repo: new FirestorePageContentRepository(fs), close: fs.close });
  });

  it('stores the claim under an escaped surface:slug id and the body outside the page document', async () => {
    const fs = firestoreHandle({ collectionPrefix: 'pg' });
    try {
      const repo = new FirestorePageContentRepository(fs);
      const scope = Scope.of('t_layout', 'test', 'p_web');
      const now = new Date().toISOString();
      const id = newSortableId();
      const body = 'x'.repeat(700 * 1024);
      await repo.create(scope, {
        ...{
          id,
          surface: 'web',
          slug: 'about',
          title: 'About',
          body,
          published: false,
          published_at: null,
        },
        ...{ created_by: 'u_a', updated_by: 'u_a', created_at: now, updated_at: now, version: 1 },
      });
      const root = fs.db.doc('pg_tenants/t_layout/envs/test/projects/p_web');
      expect((await root.collection('page_slugs').doc('web:about').get()).get('page_id')).toBe(id);
      const pageDoc = await root.collection('pages').doc(id).get();
      expect(pageDoc.get('body_chunks')).toBe(2);
      expect(pageDoc.get('body')).toBeUndefined();
      expect((await root.collection('pages').doc(id).collection('body_chunks').get()).size).toBe(2);
    } finally {
      await fs.close();
    }
  });
});
