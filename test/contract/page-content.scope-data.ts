import { collectRecords, sortRecords } from '../../src/common/scope-data/scope-data';
import { Scope } from '../../src/common/scope/scope';
import { PageSlugTakenError } from '../../src/features/page-content/page-content.errors';
import type { PageContentRepository } from '../../src/features/page-content/page-content.repository';
import {
  MAX_PAGE_BODY_BYTES,
  type PageBody,
  type PageRecord,
} from '../../src/features/page-content/page-content.types';
import { newPage } from './page-content.repository.contract';
import type { ScopeDataContractOptions, ScopeDataSide } from './scope-data.contract';

export { newPage };

/** An HTML body of exactly `bytes` UTF-8 bytes, with multi-byte characters across chunk edges. */
export const htmlOfBytes = (bytes: number): string =>
  '€'.repeat(Math.floor(bytes / 3)) + 'x'.repeat(bytes % 3);

/** A revision as the service writes one: version + 1, new updated_at/by. */
const revised = (current: PageRecord, over: Partial<PageRecord> = {}): PageRecord => ({
  ...current,
  ...over,
  version: current.version + 1,
  updated_by: 'u_b',
  updated_at: new Date().toISOString(),
});

/** Changes a page through the port (its slug, fields and maybe its body). */
async function edit(
  repo: PageContentRepository,
  scope: Scope,
  id: string,
  over: Partial<PageRecord>,
  body?: PageBody,
): Promise<void> {
  const done = await repo.update(scope, id, (c) => ({ record: revised(c, over), body }));
  if (done === null) throw new Error(`seed: page ${id} is missing`);
}

/**
 * Pages for the scope-data round trip: an HTML page whose slug moved (version 2), a
 * published JSON page revised twice (version 3), a 1 MiB body (two chunks on Firestore), an
 * empty body, and a page on another surface that was deleted (its slug released).
 */
export const pageContentScopeData: ScopeDataContractOptions<PageContentRepository> = {
  async seed(repo, scope: Scope) {
    const about = await repo.create(scope, newPage({ slug: 'about' }));
    await edit(repo, scope, about.id, { slug: 'about-us' });
    const home = await repo.create(
      scope,
      newPage({ slug: 'home', body: { blocks: [{ type: 'hero', 'odd.key': null }], __meta__: 1 } }),
    );
    const at = new Date().toISOString();
    await edit(repo, scope, home.id, { published: true, published_at: at }, [{ v: 2 }, 'x']);
    await edit(repo, scope, home.id, { title: 'Home' });
    await repo.create(scope, newPage({ slug: 'big', body: htmlOfBytes(MAX_PAGE_BODY_BYTES) }));
    await repo.create(scope, newPage({ slug: 'empty', surface: 'app', body: '' }));
    const gone = await repo.create(scope, newPage({ slug: 'gone', surface: 'app' }));
    await repo.delete(scope, gone.id);
  },
  async read(repo, scope) {
    const all = await repo.list(scope, { limit: 100 });
    return {
      all,
      published: await repo.list(scope, { published: true, limit: 100 }),
      onApp: await repo.list(scope, { surface: 'app', limit: 100 }),
      byId: await Promise.all(all.map((p) => repo.get(scope, p.id))),
      bySlug: await Promise.all(all.map((p) => repo.getBySlug(scope, p.surface, p.slug))),
      released: [
        await repo.getBySlug(scope, 'web', 'about'),
        await repo.getBySlug(scope, 'app', 'gone'),
      ],
    };
  },
};

/** Export from `from` → import into `to`, in batches of two. */
async function copy(from: PageScopeData, to: PageScopeData, scope: Scope): Promise<void> {
  const records = await collectRecords(from.exportScope(scope));
  for (let i = 0; i < records.length; i += 2)
    await to.importRecords(scope, records.slice(i, i + 2));
}

type PageScopeData = Awaited<ReturnType<ScopeDataSide<PageContentRepository>['make']>>['repo'];

/**
 * What the generic round trip does not show for pages: the target claims the imported
 * slugs (a new page cannot take one, an imported page can move its own), and importing a
 * newer copy of a page releases the slug the older copy held.
 */
export function pageContentMoveChecks(
  from: ScopeDataSide<PageContentRepository>,
  to: ScopeDataSide<PageContentRepository>,
): void {
  describe(`page content moved: ${from.backend} → ${to.backend}`, () => {
    let a: PageScopeData;
    let b: PageScopeData;
    const closers: (() => Promise<void>)[] = [];
    let n = 0;
    const scope = (): Scope =>
      Scope.of(`t_pgm_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

    beforeAll(async () => {
      const first = await from.make();
      const second = await to.make();
      a = first.repo;
      b = second.repo;
      closers.push(first.close, second.close);
    });
    afterAll(async () => {
      for (const close of closers) await close();
    });

    it('guards the imported slugs on the target and lets an imported page move its own', async () => {
      const s = scope();
      const home = await a.create(s, newPage({ slug: 'home' }));
      await copy(a, b, s);
      await expect(b.create(s, newPage({ slug: 'home' }))).rejects.toBeInstanceOf(
        PageSlugTakenError,
      );
      await edit(b, s, home.id, { slug: 'start' });
      expect((await b.getBySlug(s, 'web', 'start'))?.id).toBe(home.id);
      const reused = await b.create(s, newPage({ slug: 'home' }));
      expect((await b.getBySlug(s, 'web', 'home'))?.id).toBe(reused.id);
    });

    it('imports a newer copy of a page over an older one: old slug released, body replaced', async () => {
      const s = scope();
      const big = await a.create(
        s,
        newPage({ slug: 'big', body: htmlOfBytes(MAX_PAGE_BODY_BYTES) }),
      );
      await copy(a, b, s);
      await edit(a, s, big.id, { slug: 'small' }, '<p>small</p>');
      await copy(a, b, s);
      const exported = sortRecords(await collectRecords(a.exportScope(s)));
      expect(sortRecords(await collectRecords(b.exportScope(s)))).toEqual(exported);
      expect(await b.getBySlug(s, 'web', 'big')).toBeNull();
      expect((await b.get(s, big.id))?.body).toBe('<p>small</p>');
      await b.create(s, newPage({ slug: 'big' }));
    });
  });
}
