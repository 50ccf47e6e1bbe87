import { newSortableId } from '../../src/common/ids/sortable-id';
import type { Scope } from '../../src/common/scope/scope';
import type { SeoRepository } from '../../src/features/seo/seo.repository';
import type { SeoConfig, SeoFields, SeoKey } from '../../src/features/seo/seo.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

const EMPTY: SeoFields = {
  title: null,
  description: null,
  og_title: null,
  og_description: null,
  og_image_url: null,
  canonical_url: null,
};

/** A put as the service makes it: every field replaced, id and created_at kept. */
function put(repo: SeoRepository, scope: Scope, key: SeoKey, fields: Partial<SeoFields>) {
  return repo.put(scope, key, (current): SeoConfig => {
    const now = new Date().toISOString();
    return {
      ...key,
      ...EMPTY,
      ...fields,
      id: current?.id ?? newSortableId(),
      version: (current?.version ?? 0) + 1,
      created_at: current?.created_at ?? now,
      updated_at: now,
      updated_by: 'u_a',
    };
  });
}

/**
 * SEO configs for the scope-data round trip: three on two surfaces, one replaced twice
 * (version 3), one deleted; read back by key and through the list with and without its
 * surface filter.
 */
export const seoScopeData: ScopeDataContractOptions<SeoRepository> = {
  async seed(repo, scope: Scope) {
    const pricing = { surface: 'web', page_type: 'pricing' };
    await put(repo, scope, pricing, { title: 'Pricing' });
    await put(repo, scope, { surface: 'web', page_type: 'home' }, { description: 'Home' });
    await put(
      repo,
      scope,
      { surface: 'app', page_type: 'home' },
      { og_image_url: 'https://x.io/a.png' },
    );
    await put(repo, scope, { surface: 'app', page_type: 'gone' }, {});
    await put(repo, scope, pricing, { title: 'Plans', canonical_url: 'https://x.io/plans' });
    await put(repo, scope, pricing, { og_title: 'Plans' });
    await repo.delete(scope, { surface: 'app', page_type: 'gone' });
  },
  async read(repo, scope) {
    const all = await repo.list(scope, { limit: 50 });
    return {
      all,
      byKey: await Promise.all(all.map((c) => repo.get(scope, c))),
      web: await repo.list(scope, { surface: 'web', limit: 50 }),
    };
  },
};
