import type { CollectionReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readAscending } from '../../../backends/firestore/keyset-query';
import { getRecord, upsertDocument } from '../../../backends/firestore/record-documents';
import { scopeFields, withScopeFields } from '../../../backends/firestore/scope-fields';
import { revised, type VersionedWrite } from '../../../backends/revision';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { RateLimitPolicyVersionConflictError } from '../rate-limit.errors';
import { RateLimitRepository } from '../rate-limit.repository';
import type {
  ConsumeOutcome,
  ConsumeRequest,
  RateLimitPolicy,
  RateLimitPolicyInput,
} from '../rate-limit.types';
import {
  FirestoreRateLimitScopeData,
  KEYS_COLLECTION,
  POLICIES_COLLECTION,
} from './firestore-rate-limit.scope-data';
import { FirestoreTicketLedger } from './firestore-ticket-ledger';
import { readPolicy as toPolicy } from './rate-limit-scope-records';

/**
 * Policies at `{prefix_}tenants/{tenant}/envs/{env}/projects/{project|-}/rate_limit_policies/{action}`,
 * written whole in a transaction that checks the version. The log of each `(action, subject)`
 * is a ticket chain under `.../rate_limit_keys/{action}|{subject}/tickets` (see
 * {@link FirestoreTicketLedger}); neither part of the key can contain `|` or `/`. Scope data:
 * {@link FirestoreRateLimitScopeData}.
 */
export class FirestoreRateLimitRepository extends RateLimitRepository implements ScopeData {
  private readonly data: FirestoreRateLimitScopeData;

  constructor(private readonly fs: FirestoreHandle) {
    super();
    this.data = new FirestoreRateLimitScopeData(fs);
  }

  getPolicy(scope: Scope, action: string): Promise<RateLimitPolicy | null> {
    return getRecord(this.policies(scope).doc(action), toPolicy);
  }

  putPolicy(
    scope: Scope,
    action: string,
    input: RateLimitPolicyInput,
    write: VersionedWrite,
  ): Promise<RateLimitPolicy> {
    const fields = { action, limit: input.limit, window_seconds: input.window_seconds };
    return upsertDocument(
      this.fs.db,
      this.policies(scope).doc(action),
      { read: toPolicy, write: withScopeFields(scope) },
      revised(fields, write, RateLimitPolicyVersionConflictError),
    );
  }

  listPolicies(scope: Scope, page: { limit: number; after?: string }): Promise<RateLimitPolicy[]> {
    return readAscending(this.policies(scope), toPolicy, page, 'action');
  }

  consume(scope: Scope, request: ConsumeRequest): Promise<ConsumeOutcome> {
    const { action, subject } = request;
    const key = this.fs.scoped(scope, KEYS_COLLECTION).doc(`${action}|${subject}`);
    const fields = { action, subject, ...scopeFields(scope) };
    return new FirestoreTicketLedger(key, fields).consume(request);
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return this.data.exportScope(scope);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return this.data.importRecords(scope, records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return this.data.scopesHeld(tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return this.data.deleteScope(scope);
  }

  private policies(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, POLICIES_COLLECTION);
  }
}
