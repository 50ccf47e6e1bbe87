import { newSortableId } from '../../src/common/ids/sortable-id';
import { startFirestoreEmulator, type FirestoreEmulatorHandle } from '../../tools/local-servers';
import { SseClient } from '../e2e/chat-bus.sse-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { testRedis, uniqueProjectId } from '../utils/test-servers';

/** Bound on every backend call of this app (BACKEND_TIMEOUT_MS). */
const BACKEND_TIMEOUT_MS = 1000;
const POSTS_DURING_OUTAGE = 20;

/**
 * realtime_registry on a Firestore emulator this file starts and stops; chat_bus on the
 * healthy test redis-server; the registry itself in memory (so only thread ownership
 * depends on the emulator).
 */
describe('chat_bus while realtime_registry (Firestore) is down', () => {
  let emulator: FirestoreEmulatorHandle;
  let t: TestApp;
  const member = (project = 'p_web') =>
    scopedHeaders({ tenant: 't_owner', project, role: 'member' });

  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
    t = await createTestApp({
      environment: {
        FIRESTORE_EMULATOR_HOST: emulator.host,
        BACKEND_TIMEOUT_MS: String(BACKEND_TIMEOUT_MS),
      },
      routes: [
        route({
          resource_kind: 'realtime_registry',
          tenant_id: 't_owner',
          backend_type: 'firestore',
          config: { project_id: uniqueProjectId('chat-owner') },
        }),
        route({
          resource_kind: 'chat_bus',
          tenant_id: 't_owner',
          backend_type: 'redis',
          config: { host: testRedis().host, port: testRedis().port },
        }),
      ],
    });
  });
  afterAll(async () => {
    // Lets the client's reads still retrying in the background settle before it is closed.
    await emulator.restart();
    await t.close();
    await emulator.stop();
  });

  it('keeps posting and reading known threads, and answers 503 (not 404) for threads it cannot check', async () => {
    const known = (
      await t.http
        .post('/chat/threads')
        .set(member())
        .send({ title: 'Known', participants: ['u_alice'] })
        .expect(201)
    ).body.id as string;
    await t.http
      .post(`/chat/threads/${known}/messages`)
      .set(member())
      .send({ role: 'user', text: 'before the outage' })
      .expect(201);

    await emulator.stop();

    const statuses: number[] = [];
    for (let i = 0; i < POSTS_DURING_OUTAGE; i += 1) {
      const res = await t.http
        .post(`/chat/threads/${known}/messages`)
        .set(member())
        .send({ role: 'user', text: `during the outage ${i}` });
      statuses.push(res.status);
    }
    console.log(
      `Firestore down: ${statuses.filter((s) => s === 201).length}/${POSTS_DURING_OUTAGE} posts to a known thread answered 201 (statuses ${statuses.join(',')})`,
    );
    expect(statuses).toEqual(Array<number>(POSTS_DURING_OUTAGE).fill(201));
    const read = await t.http.get(`/chat/threads/${known}/messages?limit=200`).set(member());
    const thread = await t.http.get(`/chat/threads/${known}`).set(member());
    const feed = await SseClient.open(`${t.url}/chat/threads/${known}/events`, member());
    const live = (
      await t.http
        .post(`/chat/threads/${known}/messages`)
        .set(member())
        .send({ role: 'user', text: 'live during the outage' })
    ).body as { id: string };
    const [event] = await feed.waitFor(1);
    feed.close();

    // Never seen by this instance: ownership cannot be checked, which is not "not found".
    const unknown = await t.http.get(`/chat/threads/${newSortableId()}/messages`).set(member());
    // Owned by p_web; p_app was never answered "owned", so it is not cached either.
    const otherProject = await t.http
      .post(`/chat/threads/${known}/messages`)
      .set(member('p_app'))
      .send({ role: 'user', text: 'not mine' });

    console.log(
      `Firestore down: list ${read.status} with ${(read.body.items as unknown[] | undefined)?.length} messages; ` +
        `get thread ${thread.status}; SSE ${feed.status} (live message received: ${event?.id === live.id}); ` +
        `unknown thread ${unknown.status} ${unknown.body.error?.code}; other project ${otherProject.status} ${otherProject.body.error?.code}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.items).toHaveLength(POSTS_DURING_OUTAGE + 1);
    expect(thread.status).toBe(200);
    expect(feed.status).toBe(200);
    expect(event?.id).toBe(live.id);
    expect(unknown.status).toBe(503);
    expect(unknown.body.error.code).toBe('routing.backend_unavailable');
    expect(otherProject.status).toBe(503);
  });
});
