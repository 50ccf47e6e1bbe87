import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldValue, Timestamp } from '@google-cloud/firestore';
import { startFirestoreEmulator, type FirestoreEmulatorHandle } from '../../../tools/local-servers';
import { createTestApp } from '../../utils/create-test-app';
import { scopedHeaders } from '../../utils/scoped-request';
import { newFirestoreClient, uniqueProjectId } from '../../utils/test-servers';

jest.setTimeout(60_000);

/** The dev launcher's emulator keeps its documents in a data directory across restarts. */
describe('Firestore emulator persistence (dataDir)', () => {
  let dir: string;
  let emulator: FirestoreEmulatorHandle | null = null;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firestore-data-'));
  });
  afterEach(async () => {
    await emulator?.stop();
    emulator = null;
    await rm(dir, { recursive: true, force: true });
  });

  it('loads at start what it saved at stop: every value type, subcollections, other databases, deletions', async () => {
    const projectId = uniqueProjectId('persist');
    emulator = await startFirestoreEmulator({ dataDir: dir });
    const db = newFirestoreClient({ projectId, host: emulator.host });
    const other = newFirestoreClient({ projectId, host: emulator.host, databaseId: 'second' });
    const when = Timestamp.fromMillis(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const doc = {
      text: 'héllo',
      int: 42,
      double: 1.5,
      yes: true,
      nothing: null,
      when,
      bytes: Buffer.from([0, 1, 254, 255]),
      list: ['a', 1, { nested: true }],
      map: { deep: { er: 'x' } },
      ref: db.doc('things/b'),
    };
    await db.doc('things/a').set(doc);
    await db.doc('things/a/parts/p1').set({ n: 1 });
    await db.doc('things/gone').set({ n: 2 });
    await db.doc('things/gone').delete();
    await db.doc('counters/c').set({ n: FieldValue.increment(3) });
    await other.doc('elsewhere/x').set({ db: 'second' });
    const before = await db.doc('things/a').get();
    await Promise.all([db.terminate(), other.terminate()]);
    await emulator.stop();

    emulator = await startFirestoreEmulator({ dataDir: dir });
    const again = newFirestoreClient({ projectId, host: emulator.host });
    const again2 = newFirestoreClient({ projectId, host: emulator.host, databaseId: 'second' });
    try {
      const a = await again.doc('things/a').get();
      expect(a.data()).toEqual({ ...doc, ref: again.doc('things/b') });
      expect(a.createTime?.toMillis()).toBe(before.createTime?.toMillis());
      expect(a.updateTime?.toMillis()).toBe(before.updateTime?.toMillis());
      expect((await again.doc('things/a/parts/p1').get()).data()).toEqual({ n: 1 });
      expect((await again.doc('things/gone').get()).exists).toBe(false);
      expect((await again.doc('counters/c').get()).data()).toEqual({ n: 3 });
      expect((await again2.doc('elsewhere/x').get()).data()).toEqual({ db: 'second' });
      expect((await again.collection('things').where('int', '==', 42).get()).size).toBe(1);
    } finally {
      await Promise.all([again.terminate(), again2.terminate()]);
    }
  });

  it('keeps chat threads usable across a restart: their ownership records (Firestore) survive', async () => {
    const projectId = uniqueProjectId('persist-chat');
    const boot = (host: string) =>
      createTestApp({
        seed: 'firestore',
        firestoreProjectId: projectId,
        environment: { FIRESTORE_EMULATOR_HOST: host },
      });
    const member = scopedHeaders({ tenant: 't_persist', role: 'member' });
    emulator = await startFirestoreEmulator({ dataDir: dir });
    let t = await boot(emulator.host);
    const thread = (
      await t.http
        .post('/chat/threads')
        .set(member)
        .send({ title: 'Survives', participants: ['u_alice'] })
        .expect(201)
    ).body.id as string;
    await t.http
      .post(`/chat/threads/${thread}/messages`)
      .set(member)
      .send({ role: 'user', text: 'before the restart' })
      .expect(201);
    await t.close();
    await emulator.stop();

    emulator = await startFirestoreEmulator({ dataDir: dir });
    t = await boot(emulator.host);
    try {
      await t.http
        .post(`/chat/threads/${thread}/messages`)
        .set(member)
        .send({ role: 'user', text: 'after the restart' })
        .expect(201);
    } finally {
      await t.close();
    }
  });
});
