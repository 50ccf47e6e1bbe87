import type { CollectionReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  num,
  recordOrNull,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import { scopeFields } from '../../../backends/firestore/scope-fields';
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

  async getPolicy(scope: Scope, action: string): Promise<RateLimitPolicy | null> {
    const snap = await this.policies(scope).doc(action).get();
    return recordOrNull(snap, toPolicy);
  }

  putPolicy(
    scope: Scope,
    action: string,
    input: RateLimitPolicyInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<RateLimitPolicy> {
    const ref = this.policies(scope).doc(action);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const current = recordOrNull(snap, toPolicy)?.version ?? null;
      if (write.expectedVersion !== undefined && current !== write.expectedVersion) {
        throw new RateLimitPolicyVersionConflictError(write.expectedVersion, current);
      }
      const policy: RateLimitPolicy = {
        action,
        limit: input.limit,
        window_seconds: input.window_seconds,
        version: (current ?? 0) + 1,
        updated_at: new Date().toISOString(),
        updated_by: write.actor,
      };
      tx.set(ref, {
        ...policy,
        ...scopeFields(scope),
      });
      return policy;
    });
  }

  async listPolicies(
    scope: Scope,
    page: { limit: number; after?: string },
  ): Promise<RateLimitPolicy[]> {
    const base = this.policies(scope);
    const query =
      page.after === undefined
        ? base.orderBy('action')
        : base.where('action', '>', page.after).orderBy('action');
    const snap = await query.limit(page.limit).get();
    return snap.docs.map((d) => toPolicy(d.data()));
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
