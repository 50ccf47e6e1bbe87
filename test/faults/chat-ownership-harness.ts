import type { FirestoreEmulatorProcess } from '../../tools/local-servers/firestore-emulator-process';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { testRedis } from '../utils/test-servers';
import { timed } from './fault-timing';

/**
 * Bound on every backend call of these apps (BACKEND_TIMEOUT_MS). A request that waited on
 * the silent Firestore would take at least this long (or answer 503), so a known thread's
 * requests answering faster than this did not wait on it.
 */
export const BACKEND_TIMEOUT_MS = 2000;

/** Headers of a member of `t_owner` in `project`. */
export const member = (project = 'p_web'): Record<string, string> =>
  scopedHeaders({ tenant: 't_owner', project, role: 'member' });

/**
 * An app with realtime_registry on `emulator` (Firestore project `projectId`) and chat_bus on
 * the healthy test redis-server; the registry itself is in memory, so only thread ownership
 * depends on the emulator. Two apps on the same project are two instances of one deployment.
 */
export function startChatApp(
  emulator: FirestoreEmulatorProcess,
  projectId: string,
): Promise<TestApp> {
  return createTestApp({
    environment: {
      FIRESTORE_EMULATOR_HOST: emulator.host,
      BACKEND_TIMEOUT_MS: String(BACKEND_TIMEOUT_MS),
    },
    routes: [
      route({
        resource_kind: 'realtime_registry',
        tenant_id: 't_owner',
        backend_type: 'firestore',
        config: { project_id: projectId },
      }),
      route({
        resource_kind: 'chat_bus',
        tenant_id: 't_owner',
        backend_type: 'redis',
        config: { host: testRedis().host, port: testRedis().port },
      }),
    ],
  });
}

/** Creates a thread of `p_web` with one message on `t`; returns its id. */
export async function newThread(t: TestApp, title: string): Promise<string> {
  const id = (
    await t.http
      .post('/chat/threads')
      .set(member())
      .send({ title, participants: ['u_alice'] })
      .expect(201)
  ).body.id as string;
  await t.http
    .post(`/chat/threads/${id}/messages`)
    .set(member())
    .send({ role: 'user', text: `first message of ${title}` })
    .expect(201);
  return id;
}

/** Statuses and latencies (ms) of a series of requests. */
export interface Burst {
  statuses: number[];
  ms: number[];
}

/** `n` posts, then `n` reads (message list and thread, alternately), one after another. */
export async function postAndRead(
  t: TestApp,
  thread: string,
  n: number,
): Promise<{ posts: Burst; reads: Burst }> {
  const posts: Burst = { statuses: [], ms: [] };
  const reads: Burst = { statuses: [], ms: [] };
  for (let i = 0; i < n; i += 1) {
    const { ms, value } = await timed(() =>
      t.http
        .post(`/chat/threads/${thread}/messages`)
        .set(member())
        .send({ role: 'user', text: `during the outage ${i}` }),
    );
    posts.statuses.push(value.status);
    posts.ms.push(ms);
  }
  for (let i = 0; i < n; i += 1) {
    const path =
      i % 2 === 0 ? `/chat/threads/${thread}/messages?limit=200` : `/chat/threads/${thread}`;
    const { ms, value } = await timed(() => t.http.get(path).set(member()));
    reads.statuses.push(value.status);
    reads.ms.push(ms);
  }
  return { posts, reads };
}
