import type { CollectionReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readAscending } from '../../../backends/firestore/keyset-query';
import { getRecord, upsertDocument } from '../../../backends/firestore/record-documents';
import { num, recordReader, REVISED, text } from '../../../backends/firestore/record-schema';
import { withScopeFields } from '../../../backends/firestore/scope-fields';
import { revised, type VersionedWrite } from '../../../backends/revision';
import type { Scope } from '../../../common/scope/scope';
import { RateLimitPolicyVersionConflictError } from '../rate-limit.errors';
import { RateLimitRepository } from '../rate-limit.repository';
import type {
  ConsumeOutcome,
  ConsumeRequest,
  RateLimitPolicy,
  RateLimitPolicyInput,
} from '../rate-limit.types';
import { FirestoreTicketLedger } from './firestore-ticket-ledger';

/**
 * Policies at `{prefix_}tenants/{tenant}/envs/{env}/projects/{project|-}/rate_limit_policies/{action}`,
 * written whole in a transaction that checks the version. The log of each `(action, subject)`
 * is a ticket chain under `.../rate_limit_keys/{action}|{subject}/tickets` (see
 * {@link FirestoreTicketLedger}); neither part of the key can contain `|` or `/`.
 */
export class FirestoreRateLimitRepository extends RateLimitRepository {
  constructor(private readonly fs: FirestoreHandle) {
    super();
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
    const key = this.fs
      .scoped(scope, 'rate_limit_keys')
      .doc(`${request.action}|${request.subject}`);
    return new FirestoreTicketLedger(key.collection('tickets')).consume(request);
  }

  private policies(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'rate_limit_policies');
  }
}

const toPolicy = recordReader('rate-limit policy', {
  action: text,
  limit: num,
  window_seconds: num,
  ...REVISED,
});
