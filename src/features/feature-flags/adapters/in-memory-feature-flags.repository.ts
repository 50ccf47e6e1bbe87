import { ScopedRecords } from '../../../backends/memory/scoped-records';
import { revised, type VersionedWrite } from '../../../backends/revision';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { FeatureFlagsRepository } from '../feature-flags.repository';
import type { FlagDocument, FlagValues } from '../feature-flags.types';
import { FeatureFlagsVersionConflictError } from '../feature-flags.errors';

/** The one document a scope has (as on Firestore, where its id is `flags`). */
const DOC = 'flags';

/** Dev/test adapter: one flag document per scope. Forgets everything at restart. */
export class InMemoryFeatureFlagsRepository extends FeatureFlagsRepository implements ScopeData {
  private readonly docs = new ScopedRecords<FlagDocument>();

  get(scope: Scope): Promise<FlagDocument | null> {
    return Promise.resolve(this.docs.get(scope, DOC));
  }

  put(scope: Scope, flags: FlagValues, write: VersionedWrite): Promise<FlagDocument> {
    return Promise.resolve().then(() =>
      this.docs.upsert(scope, DOC, revised({ flags }, write, FeatureFlagsVersionConflictError)),
    );
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(
      this.docs.entries(scope).map(([id, data]) => ({ collection: 'flags', id, data })),
    );
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const r of records) this.docs.set(scope, r.id, r.data as FlagDocument);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return Promise.resolve(this.docs.scopesHeld(tenantId, env));
  }

  deleteScope(scope: Scope): Promise<void> {
    this.docs.clear(scope);
    return Promise.resolve();
  }
}
