import { Injectable } from '@nestjs/common';
import { keysetCursor, matching, type ListRequest, type Page } from '../../common/http/pagination';
import { RequestContext } from '../../common/request-context/request-context';
import {
  RateLimitCostTooLargeError,
  RateLimitExceededError,
  RateLimitPolicyNotFoundError,
} from './rate-limit.errors';
import { RateLimitRepository } from './rate-limit.repository';
import {
  ACTION_FORMAT,
  NO_SUBJECT,
  type ConsumeResult,
  type RateLimitPolicy,
  type RateLimitPolicyInput,
} from './rate-limit.types';

/** Policies page in action order. */
const ACTION_CURSOR = keysetCursor(matching(ACTION_FORMAT));

/**
 * Policies and consumption for the request's scope. A consumption needs a policy for its
 * action at exactly that scope: without one it is `404 rate_limit.policy_not_found` (fail
 * closed and say how to fix it, rather than silently allowing everything).
 */
@Injectable()
export class RateLimitService {
  constructor(
    private readonly limits: RateLimitRepository,
    private readonly context: RequestContext,
  ) {}

  async getPolicy(action: string): Promise<RateLimitPolicy> {
    const policy = await this.limits.getPolicy(this.context.scope, action);
    if (policy === null) throw new RateLimitPolicyNotFoundError(action);
    return policy;
  }

  putPolicy(
    action: string,
    input: RateLimitPolicyInput,
    expectedVersion?: number,
  ): Promise<RateLimitPolicy> {
    return this.limits.putPolicy(this.context.scope, action, input, {
      actor: this.context.principal.subject,
      expectedVersion,
    });
  }

  async listPolicies(query: ListRequest): Promise<Page<RateLimitPolicy>> {
    const { limit, position } = ACTION_CURSOR.start(query);
    const fetched = await this.limits.listPolicies(this.context.scope, {
      limit: limit + 1,
      after: position,
    });
    return ACTION_CURSOR.page(fetched, limit, (last) => last.action);
  }

  /** Takes `cost` units (default 1) of the action's limit, or throws `429 rate_limit.exceeded`. */
  async consume(input: {
    action: string;
    subject?: string;
    cost?: number;
  }): Promise<ConsumeResult> {
    const scope = this.context.scope;
    const policy = await this.limits.getPolicy(scope, input.action);
    if (policy === null) throw new RateLimitPolicyNotFoundError(input.action);
    const cost = input.cost ?? 1;
    if (cost > policy.limit) throw new RateLimitCostTooLargeError(input.action, cost, policy.limit);
    const outcome = await this.limits.consume(scope, {
      action: input.action,
      subject: input.subject ?? NO_SUBJECT,
      cost,
      limit: policy.limit,
      windowMs: policy.window_seconds * 1000,
    });
    const resetAt = new Date(outcome.resetAtMs).toISOString();
    if (!outcome.allowed) {
      throw new RateLimitExceededError({
        action: input.action,
        subject: input.subject ?? null,
        limit: policy.limit,
        window_seconds: policy.window_seconds,
        retry_after_ms: outcome.retryAfterMs,
        reset_at: resetAt,
      });
    }
    return {
      allowed: true,
      action: input.action,
      subject: input.subject ?? null,
      limit: policy.limit,
      remaining: outcome.remaining,
      reset_at: resetAt,
    };
  }
}
