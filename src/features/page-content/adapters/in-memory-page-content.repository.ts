import { whereEqual } from '../../../backends/memory/record-filters';
import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { PageSlugTakenError } from '../page-content.errors';
import { PageContentRepository, type PageChange, type PageQuery } from '../page-content.repository';
import { pageOf, pageScopeRecord } from '../page-content.scope-data';
import type { Page, PageRecord } from '../page-content.types';

/**
 * Dev/test adapter: pages and slug claims in maps keyed by scope. Each write checks and
 * claims synchronously, so concurrent requests cannot both claim a slug.
 */
export class InMemoryPageContentRepository extends PageContentRepository implements ScopeData {
  private readonly pages = new ScopedRecords<Page>();
  /** `[surface, slug]` as JSON → page id. */
  private readonly slugs = new ScopedRecords<string>();

  create(scope: Scope, page: Page): Promise<Page> {
    return Promise.resolve().then(() => {
      this.claim(scope, page);
      return this.pages.set(scope, page.id, page);
    });
  }

  get(scope: Scope, id: string): Promise<Page | null> {
    return Promise.resolve(this.pages.get(scope, id));
  }

  getBySlug(scope: Scope, surface: string, slug: string): Promise<Page | null> {
    const id = this.slugs.get(scope, slugKey(surface, slug));
    return Promise.resolve(id === null ? null : this.pages.get(scope, id));
  }

  list(scope: Scope, query: PageQuery): Promise<PageRecord[]> {
    const matching = this.pages
      .values(scope)
      .filter(whereEqual<Page>({ surface: query.surface, published: query.published }))
      .map(recordOf);
    return Promise.resolve(newestFirst(matching, query.before, query.limit));
  }

  update(
    scope: Scope,
    id: string,
    change: (current: PageRecord) => PageChange,
  ): Promise<Page | null> {
    return Promise.resolve().then(() => {
      const current = this.pages.get(scope, id);
      if (current === null) return null;
      const { record, body } = change(recordOf(current));
      if (slugKey(record.surface, record.slug) !== slugKey(current.surface, current.slug)) {
        this.claim(scope, record);
        this.slugs.delete(scope, slugKey(current.surface, current.slug));
      }
      return this.pages.set(scope, id, { ...record, body: body ?? current.body });
    });
  }

  delete(scope: Scope, id: string): Promise<boolean> {
    const current = this.pages.get(scope, id);
    if (current === null) return Promise.resolve(false);
    this.slugs.delete(scope, slugKey(current.surface, current.slug));
    return Promise.resolve(this.pages.delete(scope, id));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(this.pages.values(scope).map(pageScopeRecord));
  }

  /**
   * Stores each page as it is and claims its slug (releasing the one a stored copy of the
   * page held), so importing again, or a newer copy, leaves exactly one claim.
   */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const page of records.map(pageOf)) {
      const stored = this.pages.get(scope, page.id);
      if (stored !== null) this.slugs.delete(scope, slugKey(stored.surface, stored.slug));
      this.slugs.set(scope, slugKey(page.surface, page.slug), page.id);
      this.pages.set(scope, page.id, page);
    }
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return Promise.resolve(this.pages.scopesHeld(tenantId, env));
  }

  deleteScope(scope: Scope): Promise<void> {
    this.pages.clear(scope);
    this.slugs.clear(scope);
    return Promise.resolve();
  }

  private claim(scope: Scope, page: PageRecord): void {
    const key = slugKey(page.surface, page.slug);
    if (this.slugs.has(scope, key)) throw new PageSlugTakenError(page.surface, page.slug);
    this.slugs.set(scope, key, page.id);
  }
}

function slugKey(surface: string, slug: string): string {
  return JSON.stringify([surface, slug]);
}

function recordOf(page: Page): PageRecord {
  const { body: _body, ...record } = page;
  return record;
}
