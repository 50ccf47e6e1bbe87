import type { MoveRecord } from '../../src/routing/moves/move.types';
import type { BackendType } from '../../src/backends/backend-type';
import { createTestApp, type TestApp } from './create-test-app';
import { testBackendConfig } from './routes';
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

/** Starts a move and resolves once it ended; fails the test unless it ended `done` having copied records. */
export async function moveDone(t: TestApp, body: Record<string, unknown>): Promise<MoveRecord> {
  const done = await finished(t, (await startMove(t, body)).id);
  if (done.state !== 'done')
    throw new Error(`move ${done.id} ended ${done.state}: ${String(done.error)}`);
  if (done.records_copied === 0) throw new Error(`move ${done.id} copied nothing`);
  return done;
}

/** What the API answered for one GET: status, ETag header and body. */
export interface ApiRead {
  status: number;
  etag: string | undefined;
  body: unknown;
}

/** An error body without its `request_id` (new on every request). */
function withoutRequestId(body: unknown): unknown {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error === undefined) return body;
  const { request_id: _dropped, ...rest } = error;
  return { ...(body as object), error: rest };
}

/**
 * GETs every path with `headers` and keeps status, ETag and body by path, so a test can read a
 * scope before and after a move and compare the two with `toEqual`.
 */
export async function readAll(
  t: TestApp,
  headers: Record<string, string>,
  paths: string[],
): Promise<Record<string, ApiRead>> {
  const reads: Record<string, ApiRead> = {};
  for (const path of paths) {
    const res = await t.http.get(path).set(headers);
    reads[path] = {
      status: res.status,
      etag: res.headers.etag,
      body: withoutRequestId(res.body),
    };
  }
  return reads;
}

/** Short settle and lease, so a move takes a fraction of a second. */
export const MOVE_ENV = { MOVE_SETTLE_MS: '200', MOVE_LEASE_MS: '3000' };
let n = 0;
/** A tenant id no other test uses. */
export const freshTenant = (): string => `t_mk${Date.now().toString(36)}${(n += 1)}`;

/** One app per kind, its t_system routes on `seed`; closed after the describe. */
export function appSeededOn(seed: BackendType): () => TestApp {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed, environment: MOVE_ENV });
  });
  afterAll(() => t?.close());
  return () => t;
}

/** Where a tenant-wide move of `kind` goes: `type` on the test servers, with `extra` config. */
export const moveBody = (
  t: TestApp,
  kind: string,
  tenant: string,
  type: BackendType,
  extra: Record<string, unknown>,
) => ({
  resource_kind: kind,
  tenant_id: tenant,
  project_id: null,
  backend_type: type,
  config: { ...testBackendConfig(type, { project_id: t.firestoreProjectId }), ...extra },
});
