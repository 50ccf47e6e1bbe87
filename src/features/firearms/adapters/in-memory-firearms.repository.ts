import { newestFirst } from '../../../backends/memory/scoped-records';
import type { Scope } from '../../../common/scope/scope';
import { FirearmsRepository } from '../firearms.repository';
import { FirearmsVersionConflictError } from '../firearms.errors';
import type {
  ActionPolicy,
  Licence,
  LicenceFilter,
  LicenceLevel,
  LicenceSubject,
} from '../firearms.types';

interface ScopeData {
  actions: Map<string, ActionPolicy>;
  licences: Map<string, Licence>;
}

/** Dev/test adapter: maps keyed by scope. Forgets everything at restart. */
export class InMemoryFirearmsRepository extends FirearmsRepository {
  private readonly scopes = new Map<string, ScopeData>();

  getAction(scope: Scope, action: string): Promise<ActionPolicy | null> {
    return Promise.resolve(structuredClone(this.data(scope).actions.get(action) ?? null));
  }

  listActions(scope: Scope, page: { limit: number; after?: string }): Promise<ActionPolicy[]> {
    const after = page.after;
    const items = [...this.data(scope).actions.values()]
      .filter((p) => after === undefined || p.action > after)
      .sort((a, b) => (a.action < b.action ? -1 : 1))
      .slice(0, page.limit);
    return Promise.resolve(structuredClone(items));
  }

  putAction(
    scope: Scope,
    action: string,
    requiredLevel: LicenceLevel,
    write: { actor: string; expectedVersion?: number },
  ): Promise<ActionPolicy> {
    const actions = this.data(scope).actions;
    const current = actions.get(action);
    if (write.expectedVersion !== undefined && current?.version !== write.expectedVersion) {
      return Promise.reject(
        new FirearmsVersionConflictError(write.expectedVersion, current?.version ?? null),
      );
    }
    const policy: ActionPolicy = {
      action,
      required_level: requiredLevel,
      version: (current?.version ?? 0) + 1,
      updated_at: new Date().toISOString(),
      updated_by: write.actor,
    };
    actions.set(action, policy);
    return Promise.resolve(structuredClone(policy));
  }

  createLicence(scope: Scope, licence: Licence): Promise<Licence> {
    const licences = this.data(scope).licences;
    if (licences.has(licence.id))
      return Promise.reject(new Error(`licence id ${licence.id} already exists`));
    licences.set(licence.id, structuredClone(licence));
    return Promise.resolve(structuredClone(licence));
  }

  getLicence(scope: Scope, id: string): Promise<Licence | null> {
    return Promise.resolve(structuredClone(this.data(scope).licences.get(id) ?? null));
  }

  listLicences(
    scope: Scope,
    filter: LicenceFilter,
    page: { limit: number; before?: string },
  ): Promise<Licence[]> {
    const matching = [...this.data(scope).licences.values()]
      .filter((l) => filter.subject_type === undefined || l.subject_type === filter.subject_type)
      .filter((l) => filter.subject_id === undefined || l.subject_id === filter.subject_id);
    return Promise.resolve(structuredClone(newestFirst(matching, page.before, page.limit)));
  }

  updateLicence(
    scope: Scope,
    id: string,
    change: (current: Licence) => Licence,
  ): Promise<Licence | null> {
    const licences = this.data(scope).licences;
    const current = licences.get(id);
    if (current === undefined) return Promise.resolve(null);
    try {
      const next = change(structuredClone(current));
      licences.set(id, structuredClone(next));
      return Promise.resolve(structuredClone(next));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  findValidLicence(
    scope: Scope,
    subject: LicenceSubject,
    level: LicenceLevel,
    now: string,
  ): Promise<Licence | null> {
    const best = [...this.data(scope).licences.values()]
      .filter((l) => l.subject_type === subject.subject_type && l.subject_id === subject.subject_id)
      .filter((l) => l.status === 'active' && l.level === level && l.expires_at > now)
      .sort((a, b) => (a.expires_at < b.expires_at ? 1 : -1))[0];
    return Promise.resolve(structuredClone(best ?? null));
  }

  private data(scope: Scope): ScopeData {
    let data = this.scopes.get(scope.toString());
    if (data === undefined) {
      data = { actions: new Map(), licences: new Map() };
      this.scopes.set(scope.toString(), data);
    }
    return data;
  }
}
