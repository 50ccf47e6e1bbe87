import { newSortableId } from '../../../src/common/ids/sortable-id';
import { collectRecords } from '../../../src/common/scope-data/scope-data';
import { Scope } from '../../../src/common/scope/scope';
import { FirestorePageContentRepository } from '../../../src/features/page-content/adapters/firestore-page-content.repository';
import { InMemoryPageContentRepository } from '../../../src/features/page-content/adapters/in-memory-page-content.repository';
import { MAX_PAGE_BODY_BYTES } from '../../../src/features/page-content/page-content.types';
import { pageRepositoryContract } from '../../contract/page-content.repository.contract';
import {
  htmlOfBytes,
  newPage,
  pageContentMoveChecks,
  pageContentScopeData,
} from '../../contract/page-content.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'pg' });
    return Promise.resolve({ repo: new FirestorePageContentRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryPageContentRepository(), close: () => Promise.resolve() }),
};

// The slug race in the contract is meaningful here: the claim is a create(), and the
// emulator enforces ALREADY_EXISTS like Firestore. Transactions are not isolated on the
// emulator, so a PATCH racing a delete of the same page is not shown here.
describe('FirestorePageContentRepository (Firestore emulator)', () => {
  pageRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, pageContentScopeData);
  scopeDataContract(firestore, memory, pageContentScopeData);
  pageContentMoveChecks(memory, firestore);
  pageContentMoveChecks(firestore, memory);

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

  it('imports a page as a create writes it (chunk documents, claim), drops stale chunks, deletes it all', async () => {
    const fs = firestoreHandle({ collectionPrefix: 'pg' });
    try {
      const source = new InMemoryPageContentRepository();
      const repo = new FirestorePageContentRepository(fs);
      const scope = Scope.of(`t_import_${Date.now().toString(36)}`, 'test', 'p_web');
      const big = await source.create(
        scope,
        newPage({ slug: 'about', body: htmlOfBytes(MAX_PAGE_BODY_BYTES) }),
      );
      await repo.importRecords(scope, await collectRecords(source.exportScope(scope)));
      const root = fs.db.doc(`pg_tenants/${scope.tenantId}/envs/test/projects/p_web`);
      const pageRef = root.collection('pages').doc(big.id);
      const claim = await root.collection('page_slugs').doc('web:about').get();
      expect(claim.get('page_id')).toBe(big.id);
      expect((await pageRef.get()).get('body_chunks')).toBe(2);
      expect((await pageRef.get()).get('body')).toBeUndefined();
      expect((await pageRef.collection('body_chunks').get()).size).toBe(2);

      await source.update(scope, big.id, (c) => ({
        record: { ...c, version: c.version + 1 },
        body: '<p>small</p>',
      }));
      await repo.importRecords(scope, await collectRecords(source.exportScope(scope)));
      expect((await pageRef.get()).get('body_chunks')).toBe(1);
      expect((await pageRef.collection('body_chunks').get()).size).toBe(1);
      expect(await repo.get(scope, big.id)).toEqual(await source.get(scope, big.id));

      await repo.deleteScope(scope);
      expect((await pageRef.get()).exists).toBe(false);
      expect((await pageRef.collection('body_chunks').get()).size).toBe(0);
      expect((await root.collection('page_slugs').get()).size).toBe(0);
    } finally {
      await fs.close();
    }
  });
});
