import { DomainError } from '../../src/common/errors/domain.error';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { SeoRepository } from '../../src/features/seo/seo.repository';
import type { SeoConfig, SeoKey } from '../../src/features/seo/seo.types';

function config(key: SeoKey, current: SeoConfig | null, over: Partial<SeoConfig> = {}): SeoConfig {
  const now = new Date().toISOString();
  return {
    ...key,
    title: 'Pricing',
    description: null,
    og_title: null,
    og_description: null,
    og_image_url: 'https://cdn.example.com/og.png',
    canonical_url: null,
    id: current?.id ?? newSortableId(),
    version: (current?.version ?? 0) + 1,
    created_at: current?.created_at ?? now,
    updated_at: now,
    updated_by: 'u_a',
    ...over,
  };
}

/**
 * The behaviour every SeoRepository adapter must have. `make` returns a fresh
 * repository; each test uses its own tenant so runs never clash.
 */
export function seoConfigRepositoryContract(
  make: () => Promise<{ repo: SeoRepository; close(): Promise<void> }>,
): void {
  let repo: SeoRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_seo_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  const put = (s: Scope, key: SeoKey, over: Partial<SeoConfig> = {}) =>
    repo.put(s, key, (current) => config(key, current, over));

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('creates a config, reads it back, and replaces every field on the next put', async () => {
    const s = scope();
    const key = { surface: 'web', page_type: 'pricing' };
    const created = await put(s, key);
    expect(created.version).toBe(1);
    expect(await repo.get(s, key)).toEqual(created);
    const replaced = await put(s, key, {
      title: null,
      canonical_url: 'https://example.com/pricing',
      og_image_url: null,
    });
    expect(replaced).toMatchObject({
      version: 2,
      id: created.id,
      created_at: created.created_at,
      title: null,
      og_image_url: null,
    });
    expect(await repo.get(s, key)).toEqual(replaced);
  });

  it('keeps keys apart even when joined parts would collide', async () => {
    const s = scope();
    await put(s, { surface: 'a-b', page_type: 'c' }, { title: 'first' });
    await put(s, { surface: 'a', page_type: 'b-c' }, { title: 'second' });
    expect((await repo.get(s, { surface: 'a-b', page_type: 'c' }))?.title).toBe('first');
    expect((await repo.get(s, { surface: 'a', page_type: 'b-c' }))?.title).toBe('second');
    expect(await repo.get(s, { surface: 'a', page_type: 'c' })).toBeNull();
  });

  it('lists newest first, filtered by surface and paged with before', async () => {
    const s = scope();
    const a = await put(s, { surface: 'web', page_type: 'home' });
    const b = await put(s, { surface: 'app', page_type: 'home' });
    const c = await put(s, { surface: 'web', page_type: 'blog' });
    await put(s, { surface: 'web', page_type: 'home' }, { title: 'updated later' });
    const ids = async (q: Parameters<SeoRepository['list']>[1]) =>
      (await repo.list(s, q)).map((x) => x.id);
    expect(await ids({ limit: 10 })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ limit: 10, surface: 'web' })).toEqual([c.id, a.id]);
    expect(await ids({ limit: 1, before: c.id })).toEqual([b.id]);
  });

  it('writes nothing when the change refuses', async () => {
    const s = scope();
    const key = { surface: 'web', page_type: 'home' };
    const refusal = new DomainError('seo.test_refusal', 'conflict', 'no');
    const refuse = () => {
      throw refusal;
    };
    await expect(repo.put(s, key, refuse)).rejects.toBe(refusal);
    expect(await repo.get(s, key)).toBeNull();
    const created = await put(s, key);
    await expect(repo.put(s, key, refuse)).rejects.toBe(refusal);
    expect(await repo.get(s, key)).toEqual(created);
  });

  it('deletes a config and answers false when there is none', async () => {
    const s = scope();
    const key = { surface: 'web', page_type: 'home' };
    await put(s, key);
    expect(await repo.delete(s, key)).toBe(true);
    expect(await repo.get(s, key)).toBeNull();
    expect(await repo.delete(s, key)).toBe(false);
    expect((await put(s, key)).version).toBe(1);
  });

  it('keeps scopes apart', async () => {
    const s = scope();
    const key = { surface: 'web', page_type: 'home' };
    await put(s, key);
    const other = Scope.of(s.tenantId, 'test', 'p_other');
    expect(await repo.get(other, key)).toBeNull();
    expect(await repo.list(other, { limit: 10 })).toEqual([]);
    expect(await repo.delete(other, key)).toBe(false);
    expect(await repo.get(s, key)).not.toBeNull();
  });
}
