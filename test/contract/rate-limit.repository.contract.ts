import { setTimeout as sleep } from 'node:timers/promises';
import { Scope } from '../../src/common/scope/scope';
import { RateLimitPolicyVersionConflictError } from '../../src/features/rate-limit/rate-limit.errors';
import { RateLimitRepository } from '../../src/features/rate-limit/rate-limit.repository';
import type { ConsumeRequest } from '../../src/features/rate-limit/rate-limit.types';

/** Waits until the wall clock is `at` ms into a fixed window of `windowMs` (epoch-aligned). */
async function untilFixedWindowOffset(windowMs: number, at: number): Promise<void> {
  const offset = Date.now() % windowMs;
  await sleep((at - offset + windowMs) % windowMs);
}

/**
 * The behaviour every RateLimitRepository adapter must have (a sliding window log). Each test
 * uses its own tenant so runs never clash. Window tests wait for real time (about a second).
 */
export function rateLimitRepositoryContract(
  make: () => Promise<{ repo: RateLimitRepository; close(): Promise<void> }>,
): void {
  let repo: RateLimitRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_rl_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  const req = (over: Partial<ConsumeRequest> = {}): ConsumeRequest => ({
    action: 'api.call',
    subject: 'u_a',
    cost: 1,
    limit: 3,
    windowMs: 60_000,
    ...over,
  });

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  describe('policies', () => {
    it('stores a policy at version 1, replaces it at version 2, and reads it back', async () => {
      const s = scope();
      expect(await repo.getPolicy(s, 'export')).toBeNull();
      await expect(
        repo.putPolicy(s, 'export', { limit: 5, window_seconds: 60 }, { actor: 'u_a' }),
      ).resolves.toMatchObject({ version: 1, limit: 5 });
      await repo.putPolicy(s, 'export', { limit: 7, window_seconds: 30 }, { actor: 'u_b' });
      expect(await repo.getPolicy(s, 'export')).toMatchObject({
        action: 'export',
        limit: 7,
        window_seconds: 30,
        version: 2,
        updated_by: 'u_b',
      });
    });

    it('writes when If-Match is current and refuses a stale version or a missing policy', async () => {
      const s = scope();
      await repo.putPolicy(s, 'a', { limit: 1, window_seconds: 1 }, { actor: 'u_a' });
      await expect(
        repo.putPolicy(
          s,
          'a',
          { limit: 2, window_seconds: 1 },
          { actor: 'u_a', expectedVersion: 1 },
        ),
      ).resolves.toMatchObject({ version: 2 });
      await expect(
        repo.putPolicy(
          s,
          'a',
          { limit: 3, window_seconds: 1 },
          { actor: 'u_a', expectedVersion: 1 },
        ),
      ).rejects.toBeInstanceOf(RateLimitPolicyVersionConflictError);
      await expect(
        repo.putPolicy(
          s,
          'b',
          { limit: 3, window_seconds: 1 },
          { actor: 'u_a', expectedVersion: 1 },
        ),
      ).rejects.toBeInstanceOf(RateLimitPolicyVersionConflictError);
      expect((await repo.getPolicy(s, 'a'))?.limit).toBe(2);
      expect(await repo.getPolicy(s, 'b')).toBeNull();
    });

    it('lists policies by action name and pages after the last action', async () => {
      const s = scope();
      for (const action of ['c.x', 'a:y', 'b-z'])
        await repo.putPolicy(s, action, { limit: 1, window_seconds: 1 }, { actor: 'u_a' });
      expect((await repo.listPolicies(s, { limit: 2 })).map((p) => p.action)).toEqual([
        'a:y',
        'b-z',
      ]);
      expect((await repo.listPolicies(s, { limit: 2, after: 'b-z' })).map((p) => p.action)).toEqual(
        ['c.x'],
      );
    });

    it('keeps policies of other tenants, projects and envs apart', async () => {
      const s = scope();
      await repo.putPolicy(s, 'export', { limit: 5, window_seconds: 60 }, { actor: 'u_a' });
      for (const other of [
        Scope.of(s.tenantId, 'test', 'p_other'),
        s.tenantWide(),
        Scope.of(s.tenantId, 'dev', 'p_web'),
        scope(),
      ]) {
        expect(await repo.getPolicy(other, 'export')).toBeNull();
        expect(await repo.listPolicies(other, { limit: 10 })).toEqual([]);
      }
    });
  });

  describe('consume (sliding window log)', () => {
    it('allows up to the limit, counting remaining down, then denies with a retry time inside the window', async () => {
      const s = scope();
      const before = Date.now();
      const outcomes = [];
      for (let i = 0; i < 4; i += 1) outcomes.push(await repo.consume(s, req()));
      expect(outcomes.map((o) => [o.allowed, o.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      const denied = outcomes[3];
      expect(denied?.retryAfterMs).toBeGreaterThan(0);
      expect(denied?.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(denied?.resetAtMs).toBeGreaterThanOrEqual(before + 60_000 - 1000);
    });

    it('takes cost units at a time and refuses a cost that does not fit, consuming nothing', async () => {
      const s = scope();
      const r = (cost: number) => req({ cost, limit: 10 });
      expect(await repo.consume(s, r(4))).toMatchObject({ allowed: true, remaining: 6 });
      expect(await repo.consume(s, r(7))).toMatchObject({ allowed: false, remaining: 6 });
      expect(await repo.consume(s, r(6))).toMatchObject({ allowed: true, remaining: 0 });
      expect(await repo.consume(s, r(1))).toMatchObject({ allowed: false });
    });

    it('keeps keys apart by scope, action and subject', async () => {
      const s = scope();
      await repo.consume(s, req({ limit: 1 }));
      expect((await repo.consume(s, req({ limit: 1 }))).allowed).toBe(false);
      expect((await repo.consume(s, req({ limit: 1, subject: 'u_b' }))).allowed).toBe(true);
      expect((await repo.consume(s, req({ limit: 1, action: 'other' }))).allowed).toBe(true);
      expect(
        (await repo.consume(Scope.of(s.tenantId, 'test', 'p_other'), req({ limit: 1 }))).allowed,
      ).toBe(true);
      expect((await repo.consume(scope(), req({ limit: 1 }))).allowed).toBe(true);
    });

    it('allows exactly the limit out of 50 concurrent consumes (L = 10)', async () => {
      const s = scope();
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () => repo.consume(s, req({ limit: 10 }))),
      );
      expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
      expect(
        outcomes
          .filter((o) => o.allowed)
          .map((o) => o.remaining)
          .sort((a, b) => a - b),
      ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('allows no second burst right after a fixed-window edge (no 2×L within one window length)', async () => {
      const s = scope();
      const windowMs = 3000;
      const r = req({ limit: 5, windowMs });
      // Fill the limit late in an epoch-aligned window, then cross the edge: a fixed window
      // would reset there and a token bucket would have refilled part of the limit. The
      // window is long, and the fill starts a second before the edge, so that a slow, shared
      // machine cannot make the edge test meaningless.
      await untilFixedWindowOffset(windowMs, 2000);
      const filledAt = Date.now();
      const edge = filledAt - (filledAt % windowMs) + windowMs;
      const burst = await Promise.all(Array.from({ length: 5 }, () => repo.consume(s, r)));
      expect(burst.every((o) => o.allowed)).toBe(true);
      await sleep(Math.max(0, edge + 200 - Date.now())); // just past the edge
      const afterEdge = await repo.consume(s, r);
      expect(Date.now()).toBeGreaterThan(edge); // the fixed window's edge was crossed
      expect(Date.now() - filledAt).toBeLessThan(windowMs); // still within one window length
      expect(afterEdge.allowed).toBe(false);
      expect(afterEdge.retryAfterMs).toBeGreaterThan(0);
    });

    it('frees units as the oldest consumptions leave the window: retry after the stated time succeeds', async () => {
      const s = scope();
      const r = req({ limit: 2, windowMs: 2000 });
      expect((await repo.consume(s, r)).allowed).toBe(true);
      await sleep(300);
      expect((await repo.consume(s, r)).allowed).toBe(true);
      const denied = await repo.consume(s, r);
      expect(denied.allowed).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(2000);
      await sleep(denied.retryAfterMs + 30);
      expect(await repo.consume(s, r)).toMatchObject({ allowed: true, remaining: 0 });
    });
  });
}
