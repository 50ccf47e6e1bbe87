import { setTimeout as sleep } from 'node:timers/promises';
import { Scope } from '../../src/common/scope/scope';
import { collectRecords, type ScopeData } from '../../src/common/scope-data/scope-data';
import type { RateLimitRepository } from '../../src/features/rate-limit/rate-limit.repository';
import {
  NO_SUBJECT,
  type ConsumeRequest,
  type RateLimitPolicyInput,
} from '../../src/features/rate-limit/rate-limit.types';
import type { ScopeDataContractOptions, ScopeDataSide } from './scope-data.contract';

const API: RateLimitPolicyInput = { limit: 5, window_seconds: 60 };
const EXPORT: RateLimitPolicyInput = { limit: 3, window_seconds: 120 };

/** The keys the seed consumes from: [action, policy, subject]. */
const KEYS: [string, RateLimitPolicyInput, string][] = [
  ['api.call', API, 'u_a'],
  ['api.call', API, NO_SUBJECT],
  ['export', EXPORT, 'u_b'],
];

const request = (action: string, policy: RateLimitPolicyInput, subject: string, cost = 1) =>
  ({
    action,
    subject,
    cost,
    limit: policy.limit,
    windowMs: policy.window_seconds * 1000,
  }) satisfies ConsumeRequest;

/**
 * Rate limit for the scope-data round trip: two policies (one at version 2) and three live
 * windows. `read` shows the policies and, for each window, what is left of its limit (a probe
 * costing more than the limit is always refused and records nothing).
 */
export const rateLimitScopeData: ScopeDataContractOptions<RateLimitRepository> = {
  async seed(repo, scope) {
    await repo.putPolicy(scope, 'api.call', { limit: 4, window_seconds: 30 }, { actor: 'u_a' });
    await repo.putPolicy(scope, 'api.call', API, { actor: 'u_b' });
    await repo.putPolicy(scope, 'export', EXPORT, { actor: 'u_a' });
    await repo.consume(scope, request('api.call', API, 'u_a'));
    await repo.consume(scope, request('api.call', API, 'u_a', 2));
    await repo.consume(scope, request('api.call', API, NO_SUBJECT, 2));
    await repo.consume(scope, request('export', EXPORT, 'u_b'));
  },
  async read(repo, scope) {
    const policies = await repo.listPolicies(scope, { limit: 50 });
    const gets = await Promise.all(policies.map((p) => repo.getPolicy(scope, p.action)));
    const left = [];
    for (const [action, policy, subject] of KEYS) {
      const probe = await repo.consume(scope, request(action, policy, subject, policy.limit + 1));
      left.push({ action, subject, allowed: probe.allowed, remaining: probe.remaining });
    }
    return { policies, gets, left };
  },
};

async function copy(from: ScopeData, to: ScopeData, scope: Scope): Promise<void> {
  await to.importRecords(scope, await collectRecords(from.exportScope(scope)));
}

/**
 * What the generic round trip cannot see of rate_limit: the window state counts on the
 * target, so a move never hands out a fresh limit, and its entries keep their times.
 */
export function rateLimitMoveChecks(
  from: ScopeDataSide<RateLimitRepository>,
  to: ScopeDataSide<RateLimitRepository>,
): void {
  describe(`rate-limit windows: ${from.backend} → ${to.backend}`, () => {
    let a: RateLimitRepository & ScopeData;
    let b: RateLimitRepository & ScopeData;
    const closers: (() => Promise<void>)[] = [];
    let n = 0;
    const scope = (): Scope =>
      Scope.of(`t_rlm_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

    beforeAll(async () => {
      const first = await from.make();
      const second = await to.make();
      [a, b] = [first.repo, second.repo];
      closers.push(first.close, second.close);
    });
    afterAll(async () => {
      for (const close of closers) await close();
    });

    it('counts what was consumed before the copy: the limit stays exact on the target', async () => {
      const s = scope();
      const r = { action: 'api.call', subject: 'u_a', cost: 1, limit: 3, windowMs: 60_000 };
      await a.consume(s, r);
      await a.consume(s, r);
      await copy(a, b, s);
      expect(await b.consume(s, r)).toMatchObject({ allowed: true, remaining: 0 });
      const denied = await b.consume(s, r);
      expect(denied.allowed).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it('keeps the entries’ times: units come back on the target when they leave the window', async () => {
      const s = scope();
      const r = { action: 'api.call', subject: 'u_a', cost: 1, limit: 1, windowMs: 1500 };
      const first = await a.consume(s, r);
      expect(first.allowed).toBe(true);
      await copy(a, b, s);
      const denied = await b.consume(s, r);
      expect(denied.allowed).toBe(false);
      expect(Math.abs(denied.resetAtMs - first.resetAtMs)).toBeLessThanOrEqual(1);
      await sleep(denied.retryAfterMs + 30);
      expect(await b.consume(s, r)).toMatchObject({ allowed: true, remaining: 0 });
    });
  });
}
