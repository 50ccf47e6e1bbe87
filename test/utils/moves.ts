import type { MoveRecord } from '../../src/routing/moves/move.types';
import type { TestApp } from './create-test-app';
import { signToken } from './tokens';

/** Headers of a registry admin: the only caller the moves API serves. */
export const moveAdmin = {
  Authorization: `Bearer ${signToken({ sub: 'u_ops', registry_admin: true })}`,
};

/** Polls `check` every 50 ms until it holds (`ms` at most); unlike `until`, `check` may be async. */
export async function untilHolds(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a move through `POST /routing/moves` (expects 202). `env` defaults to `test` and
 * `reason` to "own database"; the rest of the body (kind, key, target) is the caller's.
 */
export async function startMove(t: TestApp, body: Record<string, unknown>): Promise<MoveRecord> {
  const res = await t.http
    .post('/routing/moves')
    .set(moveAdmin)
    .send({ env: 'test', reason: 'own database', ...body })
    .expect(202);
  return res.body as MoveRecord;
}

/** Resolves with the move once it reached an end state (done, failed or aborted). */
export async function finished(t: TestApp, id: string): Promise<MoveRecord> {
  let move: MoveRecord | undefined;
  await untilHolds(async () => {
    move = (await t.http.get(`/routing/moves/${id}`).set(moveAdmin).expect(200)).body as MoveRecord;
    return ['done', 'failed', 'aborted'].includes(move.state);
  }, 20_000);
  return move as MoveRecord;
}

/** Starts a move and resolves once it ended; fails the test unless it ended `done`. */
export async function moveDone(t: TestApp, body: Record<string, unknown>): Promise<MoveRecord> {
  const done = await finished(t, (await startMove(t, body)).id);
  if (done.state !== 'done')
    throw new Error(`move ${done.id} ended ${done.state}: ${String(done.error)}`);
  return done;
}
