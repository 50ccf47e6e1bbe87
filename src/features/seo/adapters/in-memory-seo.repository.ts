import { whereEqual } from '../../../backends/memory/record-filters';
import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { seoOfRecord, seoRecord } from '../seo-scope-data';
import { SeoRepository, type SeoConfigQuery } from '../seo.repository';
import type { SeoConfig, SeoKey } from '../seo.types';

/** Dev/test adapter: configs in maps keyed by scope. Forgets everything at restart. */
export class InMemorySeoRepository extends SeoRepository implements ScopeData {
  private readonly configs = new ScopedRecords<SeoConfig>();

  get(scope: Scope, key: SeoKey): Promise<SeoConfig | null> {
    return Promise.resolve(this.configs.get(scope, keyOf(key)));
  }

  list(scope: Scope, query: SeoConfigQuery): Promise<SeoConfig[]> {
    const matching = this.configs
      .values(scope)
      .filter(whereEqual<SeoConfig>({ surface: query.surface }));
    return Promise.resolve(newestFirst(matching, query.before, query.limit));
  }

  put(
    scope: Scope,
    key: SeoKey,
    change: (current: SeoConfig | null) => SeoConfig,
  ): Promise<SeoConfig> {
    return Promise.resolve().then(() => this.configs.upsert(scope, keyOf(key), change));
  }

  delete(scope: Scope, key: SeoKey): Promise<boolean> {
    return Promise.resolve(this.configs.delete(scope, keyOf(key)));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(this.configs.values(scope).map(seoRecord));
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const config of records.map(seoOfRecord)) this.configs.set(scope, keyOf(config), config);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return Promise.resolve(this.configs.scopesHeld(tenantId, env));
  }

  deleteScope(scope: Scope): Promise<void> {
    this.configs.clear(scope);
    return Promise.resolve();
  }
}

function keyOf(key: SeoKey): string {
  return JSON.stringify([key.surface, key.page_type]);
}
