import { newSortableId } from '../../src/common/ids/sortable-id';
import {
  spawnFirestoreEmulator,
  type FirestoreEmulatorProcess,
} from '../../tools/local-servers/firestore-emulator-process';
import { SseClient } from '../e2e/chat-bus.sse-client';
import type { TestApp } from '../utils/create-test-app';
import { uniqueProjectId } from '../utils/test-servers';
import {
  BACKEND_TIMEOUT_MS,
  member,
  newThread,
  postAndRead,
  startChatApp,
} from './chat-ownership-harness';
import { summary, timed, waitFor } from './fault-timing';

/** Slack over BACKEND_TIMEOUT_MS for routing and a loaded machine. */
const SLACK_MS = 1500;
const REQUESTS = 20;
jest.setTimeout(90_000);

const fill = (status: number) => Array<number>(REQUESTS).fill(status);

/**
 * realtime_registry on a Firestore emulator in a child process this file freezes (SIGSTOP:
 * connected and silent) and stops (connections refused); chat_bus on the healthy test
 * redis-server. Threads whose ownership this instance has seen keep working; others cannot
 * be checked and answer 503, never 404.
 */
describe('chat_bus while realtime_registry (Firestore) is frozen or down', () => {
  const projectId = uniqueProjectId('chat-owner');
  let emulator: FirestoreEmulatorProcess;
  let t: TestApp;
  let stopped = false;

  beforeAll(async () => {
    emulator = await spawnFirestoreEmulator();
    t = await startChatApp(emulator, projectId);
  });
  afterAll(async () => {
    try {
      emulator?.thaw();
      // Lets the client's calls still retrying in the background settle before it is closed.
      if (stopped) await emulator?.restart();
      await t?.close();
    } finally {
      await emulator?.kill();
    }
  });

  it('serves a known thread while Firestore is frozen, 503 for a thread it cannot check, and that thread again after the thaw', async () => {
    const known = await newThread(t, 'Known');
    // A thread this instance never saw: created on another instance of the same deployment.
    const other = await startChatApp(emulator, projectId);
    const elsewhere = await newThread(other, 'Created elsewhere').finally(() => other.close());
    const readElsewhere = () => t.http.get(`/chat/threads/${elsewhere}/messages`).set(member());

    emulator.freeze();
    // The unseen thread's check hangs on the frozen Firestore while the known thread is used.
    const unseen = timed(readElsewhere);
    const { posts, reads } = await postAndRead(t, known, REQUESTS);
    const unknown = await unseen;
    emulator.thaw();
    const thawedAt = Date.now();
    const served = await waitFor(readElsewhere, (res) => res.status === 200, 30_000, 50);
    const servedMs = Date.now() - thawedAt;
    const never = await t.http.get(`/chat/threads/${newSortableId()}/messages`).set(member());

    console.log(
      `Firestore frozen: known thread ${posts.statuses.filter((s) => s === 201).length}/${REQUESTS} posts 201 ` +
        `${JSON.stringify(summary(posts.ms))} ms, ${reads.statuses.filter((s) => s === 200).length}/${REQUESTS} reads 200 ` +
        `${JSON.stringify(summary(reads.ms))} ms; thread seen only by another instance ` +
        `${unknown.value.status} ${unknown.value.body.error?.code} in ${unknown.ms} ms ` +
        `(BACKEND_TIMEOUT_MS ${BACKEND_TIMEOUT_MS})`,
    );
    console.log(
      `Firestore thawed: that thread served (200) ${servedMs} ms after the thaw; ` +
        `a never-created thread ${never.status} ${never.body.error?.code}`,
    );
    expect(posts.statuses).toEqual(fill(201));
    expect(reads.statuses).toEqual(fill(200));
    // Answered from the ownership cache: none waited out the silent Firestore.
    expect(Math.max(...posts.ms, ...reads.ms)).toBeLessThan(BACKEND_TIMEOUT_MS);
    expect(unknown.value.status).toBe(503);
    expect(unknown.value.body.error.code).toBe('routing.backend_unavailable');
    expect(unknown.ms).toBeLessThan(BACKEND_TIMEOUT_MS + SLACK_MS);
    expect(served.body.items).toHaveLength(1);
    expect(never.status).toBe(404);
    expect(never.body.error.code).toBe('chat_bus.not_found');
  });

  it('keeps posting, reading and streaming a known thread while Firestore refuses connections', async () => {
    const known = await newThread(t, 'Known before the stop');

    stopped = true;
    await emulator.stop();

    const { posts, reads } = await postAndRead(t, known, REQUESTS);
    const list = await t.http.get(`/chat/threads/${known}/messages?limit=200`).set(member());
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
      `Firestore stopped: known thread ${posts.statuses.filter((s) => s === 201).length}/${REQUESTS} posts 201, ` +
        `${reads.statuses.filter((s) => s === 200).length}/${REQUESTS} reads 200; list ${list.status} with ` +
        `${(list.body.items as unknown[] | undefined)?.length} messages; SSE ${feed.status} ` +
        `(live message received: ${event?.id === live.id}); unknown thread ${unknown.status} ` +
        `${unknown.body.error?.code}; other project ${otherProject.status} ${otherProject.body.error?.code}`,
    );
    expect(posts.statuses).toEqual(fill(201));
    expect(reads.statuses).toEqual(fill(200));
    expect(list.body.items).toHaveLength(REQUESTS + 1);
    expect(feed.status).toBe(200);
    expect(event?.id).toBe(live.id);
    expect(unknown.status).toBe(503);
    expect(unknown.body.error.code).toBe('routing.backend_unavailable');
    expect(otherProject.status).toBe(503);
  });
});
