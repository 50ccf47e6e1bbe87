import { DomainError } from '../../src/common/errors/domain.error';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { PageSlugTakenError } from '../../src/features/page-content/page-content.errors';
import { PageContentRepository } from '../../src/features/page-content/page-content.repository';
import {
  MAX_PAGE_BODY_BYTES,
  type Page,
  type PageRecord,
} from '../../src/features/page-content/page-content.types';

/** A new page as the service makes one (fresh id, version 1), with `over` applied. */
export function newPage(over: Partial<Page> = {}): Page {
  const now = new Date().toISOString();
  return {
    id: newSortableId(),
    surface: 'web',
    slug: `s-${newSortableId()}`,
    title: 'About us',
    body: '<h1>About</h1>',
    published: false,
    published_at: null,
    created_by: 'u_a',
    updated_by: 'u_a',
    created_at: now,
    updated_at: now,
    version: 1,
    ...over,
  };
}

const recordOf = ({ body: _body, ...record }: Page): PageRecord => record;
/** An HTML body of exactly `bytes` UTF-8 bytes, with multi-byte characters across chunk edges. */
const htmlOfBytes = (bytes: number): string =>
  '€'.repeat(Math.floor(bytes / 3)) + 'x'.repeat(bytes % 3);

/**
 * The behaviour every PageContentRepository adapter must have. `make` returns a fresh repository;
 * each test uses its own tenant so runs never clash.
 */
export function pageRepositoryContract(
  make: () => Promise<{ repo: PageContentRepository; close(): Promise<void> }>,
): void {
  let repo: PageContentRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_pg_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  const bump = (record: PageRecord, over: Partial<PageRecord> = {}): PageRecord => ({
    ...record,
    ...over,
    version: record.version + 1,
  });

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('stores HTML and JSON bodies and reads them back by id and by slug', async () => {
    const s = scope();
    const html = await repo.create(s, newPage({ slug: 'about' }));
    const json = await repo.create(
      s,
      newPage({
        slug: 'home',
        body: { blocks: [{ type: 'hero', text: 'Hi', 'odd.key': null }], __meta__: 1 },
      }),
    );
    expect(await repo.get(s, html.id)).toEqual(html);
    expect(await repo.get(s, json.id)).toEqual(json);
    expect(await repo.getBySlug(s, 'web', 'home')).toEqual(json);
    expect(await repo.getBySlug(s, 'app', 'home')).toBeNull();
  });

  it('round-trips a body of exactly 1 MiB, then shrinks it to an empty one', async () => {
    const s = scope();
    const big = await repo.create(s, newPage({ body: htmlOfBytes(MAX_PAGE_BODY_BYTES) }));
    expect(Buffer.byteLength((await repo.get(s, big.id))?.body as string)).toBe(
      MAX_PAGE_BODY_BYTES,
    );
    expect((await repo.get(s, big.id))?.body).toBe(big.body);
    await repo.update(s, big.id, (current) => ({ record: bump(current), body: '' }));
    expect((await repo.get(s, big.id))?.body).toBe('');
  });

  it('refuses a second page with the same surface and slug, writing nothing for it', async () => {
    const s = scope();
    await repo.create(s, newPage({ slug: 'pricing' }));
    const loser = newPage({ slug: 'pricing' });
    await expect(repo.create(s, loser)).rejects.toBeInstanceOf(PageSlugTakenError);
    expect(await repo.get(s, loser.id)).toBeNull();
    await expect(
      repo.create(s, newPage({ slug: 'pricing', surface: 'app' })),
    ).resolves.toBeDefined();
    await expect(repo.create(scope(), newPage({ slug: 'pricing' }))).resolves.toBeDefined();
  });

  it('lets exactly one of two concurrent creates of one slug win', async () => {
    const s = scope();
    const [a, b] = [newPage({ slug: 'race' }), newPage({ slug: 'race' })];
    const results = await Promise.allSettled([repo.create(s, a), repo.create(s, b)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(PageSlugTakenError);
    expect((await repo.list(s, { limit: 10 })).map((p) => p.slug)).toEqual(['race']);
  });

  it('lists records without bodies, newest first, filtered and paged', async () => {
    const s = scope();
    const a = await repo.create(s, newPage());
    const b = await repo.create(
      s,
      newPage({ surface: 'app', published: true, published_at: new Date().toISOString() }),
    );
    const c = await repo.create(s, newPage());
    expect(await repo.list(s, { limit: 10 })).toEqual([c, b, a].map(recordOf));
    expect((await repo.list(s, { limit: 1 })).map((p) => p.id)).toEqual([c.id]);
    expect((await repo.list(s, { limit: 10, before: c.id })).map((p) => p.id)).toEqual([
      b.id,
      a.id,
    ]);
    expect((await repo.list(s, { limit: 10, surface: 'web' })).map((p) => p.id)).toEqual([
      c.id,
      a.id,
    ]);
    expect((await repo.list(s, { limit: 10, published: true })).map((p) => p.id)).toEqual([b.id]);
    expect(
      (await repo.list(s, { limit: 10, published: false, surface: 'app' })).map((p) => p.id),
    ).toEqual([]);
  });

  it('moves the slug claim when an update changes the slug, freeing the old one', async () => {
    const s = scope();
    const created = await repo.create(s, newPage({ slug: 'old' }));
    const updated = await repo.update(s, created.id, (current) => ({
      record: bump(current, { slug: 'new' }),
    }));
    expect(updated).toEqual({ ...created, slug: 'new', version: 2 });
    expect(await repo.getBySlug(s, 'web', 'new')).toEqual(updated);
    expect(await repo.getBySlug(s, 'web', 'old')).toBeNull();
    await expect(repo.create(s, newPage({ slug: 'old' }))).resolves.toBeDefined();
  });

  it('refuses an update to a slug another page holds, leaving both pages as they were', async () => {
    const s = scope();
    const a = await repo.create(s, newPage({ slug: 'a' }));
    const b = await repo.create(s, newPage({ slug: 'b' }));
    await expect(
      repo.update(s, b.id, (current) => ({
        record: bump(current, { slug: 'a', title: 'x' }),
        body: 'changed',
      })),
    ).rejects.toBeInstanceOf(PageSlugTakenError);
    expect(await repo.get(s, b.id)).toEqual(b);
    expect(await repo.getBySlug(s, 'web', 'b')).toEqual(b);
    expect(await repo.getBySlug(s, 'web', 'a')).toEqual(a);
  });

  it('keeps the body when an update gives none, and writes nothing when the change refuses', async () => {
    const s = scope();
    const created = await repo.create(s, newPage({ body: { a: 1 } }));
    const updated = await repo.update(s, created.id, (current) => ({
      record: bump(current, { title: 'New title' }),
    }));
    expect(updated).toEqual({ ...created, title: 'New title', version: 2 });
    const refusal = new DomainError('page_content.test_refusal', 'conflict', 'no');
    await expect(
      repo.update(s, created.id, () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await repo.get(s, created.id)).toEqual(updated);
    expect(await repo.update(s, newSortableId(), (current) => ({ record: current }))).toBeNull();
  });

  it('deletes a page and releases its slug; deleting again answers false', async () => {
    const s = scope();
    const created = await repo.create(s, newPage({ slug: 'gone', body: htmlOfBytes(600 * 1024) }));
    expect(await repo.delete(s, created.id)).toBe(true);
    expect(await repo.get(s, created.id)).toBeNull();
    expect(await repo.getBySlug(s, 'web', 'gone')).toBeNull();
    expect(await repo.delete(s, created.id)).toBe(false);
    await expect(repo.create(s, newPage({ slug: 'gone' }))).resolves.toBeDefined();
  });

  it('keeps scopes apart', async () => {
    const s = scope();
    const created = await repo.create(s, newPage({ slug: 'mine' }));
    const other = Scope.of(s.tenantId, 'test', 'p_other');
    expect(await repo.get(other, created.id)).toBeNull();
    expect(await repo.getBySlug(other, 'web', 'mine')).toBeNull();
    expect(await repo.delete(other, created.id)).toBe(false);
    expect(await repo.update(other, created.id, (current) => ({ record: current }))).toBeNull();
    expect(await repo.get(s, created.id)).toEqual(created);
  });
}
