import { uniqueScopes } from '../../../backends/memory/held-scopes';
import { whereEqual } from '../../../backends/memory/record-filters';
import { ascendingPage, newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { revised, type VersionedWrite } from '../../../backends/revision';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { FirearmsRepository } from '../firearms.repository';
import { FirearmsVersionConflictError } from '../firearms.errors';
import {
  firearmsActionRecord,
  firearmsLicenceRecord,
  firearmsRecordsOf,
} from '../firearms.scope-data';
import type {
  ActionPolicy,
  Licence,
  LicenceFilter,
  LicenceLevel,
  LicenceSubject,
} from '../firearms.types';

/** Dev/test adapter: maps keyed by scope. Forgets everything at restart. */
export class InMemoryFirearmsRepository extends FirearmsRepository implements ScopeData {
  private readonly actions = new ScopedRecords<ActionPolicy>();
  private readonly licences = new ScopedRecords<Licence>();

  getAction(scope: Scope, action: string): Promise<ActionPolicy | null> {
    return Promise.resolve(this.actions.get(scope, action));
  }

  listActions(scope: Scope, page: { limit: number; after?: string }): Promise<ActionPolicy[]> {
    return Promise.resolve(ascendingPage(this.actions.values(scope), (p) => p.action, page));
  }

  putAction(
    scope: Scope,
    action: string,
    requiredLevel: LicenceLevel,
    write: VersionedWrite,
  ): Promise<ActionPolicy> {
    const change = revised(
      { action, required_level: requiredLevel },
      write,
      FirearmsVersionConflictError,
    );
    return Promise.resolve().then(() => this.actions.upsert(scope, action, change));
  }

  createLicence(scope: Scope, licence: Licence): Promise<Licence> {
    if (this.licences.has(scope, licence.id))
      return Promise.reject(new Error(`licence id ${licence.id} already exists`));
    return Promise.resolve(this.licences.set(scope, licence.id, licence));
  }

  getLicence(scope: Scope, id: string): Promise<Licence | null> {
    return Promise.resolve(this.licences.get(scope, id));
  }

  listLicences(
    scope: Scope,
    filter: LicenceFilter,
    page: { limit: number; before?: string },
  ): Promise<Licence[]> {
    const matching = this.licences
      .values(scope)
      .filter(
        whereEqual<Licence>({ subject_type: filter.subject_type, subject_id: filter.subject_id }),
      );
    return Promise.resolve(newestFirst(matching, page.before, page.limit));
  }

  updateLicence(
    scope: Scope,
    id: string,
    change: (current: Licence) => Licence,
  ): Promise<Licence | null> {
    return Promise.resolve().then(() => this.licences.update(scope, id, change));
  }

  findValidLicence(
    scope: Scope,
    subject: LicenceSubject,
    level: LicenceLevel,
    now: string,
  ): Promise<Licence | null> {
    const best = this.licences
      .values(scope)
      .filter((l) => l.subject_type === subject.subject_type && l.subject_id === subject.subject_id)
      .filter((l) => l.status === 'active' && l.level === level && l.expires_at > now)
      .sort((a, b) => (a.expires_at < b.expires_at ? 1 : -1))[0];
    return Promise.resolve(best ?? null);
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll([
      ...this.actions.values(scope).map(firearmsActionRecord),
      ...this.licences.values(scope).map(firearmsLicenceRecord),
    ]);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const { actions, licences } = firearmsRecordsOf(records);
    for (const r of actions) this.actions.set(scope, r.id, r.data as ActionPolicy);
    for (const r of licences) this.licences.set(scope, r.id, r.data as Licence);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return Promise.resolve(
      uniqueScopes(this.actions.scopesHeld(tenantId, env), this.licences.scopesHeld(tenantId, env)),
    );
  }

  deleteScope(scope: Scope): Promise<void> {
    this.actions.clear(scope);
    this.licences.clear(scope);
    return Promise.resolve();
  }
}
