import type Redis from 'ioredis';
import { AdapterCache } from '../../src/routing/adapter-cache';
import { createTestApp, waitForRegistryVersion, type TestApp } from '../utils/create-test-app';
import { RegistryWriter } from '../utils/registry-writer';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient, testRedis } from '../utils/test-servers';

describe('live switching without restart', () => {
  let t: TestApp;
  let writer: RegistryWriter;
  const flagsRoute = (tenant: string, prefix: string) =>
    route({
      resource_kind: 'feature_flags',
      tenant_id: tenant,
      backend_type: 'firestore',
      config: { project_id: t.firestoreProjectId, collection_prefix: prefix },
    });

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
    writer = new RegistryWriter(t.firestoreProjectId);
    await waitForRegistryVersion(
      t.app,
      await writer.put(flagsRoute('t_acme', 'before'), flagsRoute('t_other', 'other')),
    );
  });
  afterAll(async () => {
    await writer.close();
    await t.close();
  });

  async function docExists(prefix: string, tenant: string): Promise<boolean> {
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      return (
        await db
          .doc(`${prefix}_tenants/${tenant}/envs/test/projects/p_web/feature_flags/flags`)
          .get()
      ).exists;
    } finally {
      await db.terminate();
    }
  }

  it('moves t_acme to a new collection prefix when its route changes in the Firestore registry; other tenants stay', async () => {
    const acme = scopedHeaders({ tenant: 't_acme' });
    const other = scopedHeaders({ tenant: 't_other' });
    await t.http
      .put('/feature-flags')
      .set(acme)
      .send({ custom: { where: 'before' } })
      .expect(200);
    await t.http
      .put('/feature-flags')
      .set(other)
      .send({ custom: { where: 'other' } })
      .expect(200);
    expect(await docExists('before', 't_acme')).toBe(true);

    // An independent client changes the route; the app applies it through its snapshot listener.
    await waitForRegistryVersion(t.app, await writer.put(flagsRoute('t_acme', 'after')));

    const read = await t.http.get('/feature-flags').set(acme).expect(200);
    expect(read.body.source).not.toBe('project'); // the new place has no project document yet
    await t.http
      .put('/feature-flags')
      .set(acme)
      .send({ custom: { where: 'after' } })
      .expect(200);
    expect(await docExists('after', 't_acme')).toBe(true);
    expect((await t.http.get('/feature-flags').set(acme).expect(200)).body.flags.custom).toEqual({
      where: 'after',
    });

    const metrics = (await t.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/routing_switches_total\{resource_kind="feature_flags"\} [1-9]/);

    const untouched = await t.http.get('/feature-flags').set(other).expect(200);
    expect(untouched.body).toMatchObject({
      source: 'project',
      flags: { custom: { where: 'other' } },
    });
    expect(await docExists('after', 't_other')).toBe(false);
  });
});

describe('closing clients no route uses any more', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      registry: 'memory',
      seed: 'memory',
      environment: { ROUTING_DRAIN_MS: '100' },
    });
  });
  afterAll(() => t.close());

  it('closes the old Redis client after the drain period once the route moves, and keeps serving', async () => {
    const { host, port } = testRedis();
    const redisRoute = (db: number) =>
      route({
        resource_kind: 'rate_limit',
        tenant_id: 't_acme',
        backend_type: 'redis',
        config: { host, port, db },
      });
    const admin = scopedHeaders({ tenant: 't_acme', role: 'admin' });
    await t.putRoute(redisRoute(3));
    await t.http
      .put('/rate-limit/policies/export')
      .set(admin)
      .send({ limit: 5, window_seconds: 60 })
      .expect(200);
    const old = t.app
      .get(AdapterCache)
      .inUse()
      .find((l) => l.kind === 'rate_limit' && l.route.config.db === 3);
    expect(old).toBeDefined();
    const client = old?.connection.client as Redis;
    expect(client.status).toBe('ready');

    await t.putRoute(redisRoute(4));
    expect(client.status).toBe('ready'); // requests pinned to it may still be running
    await new Promise((r) => setTimeout(r, 400));
    expect(client.status).toBe('end');
    expect(
      t.app
        .get(AdapterCache)
        .inUse()
        .some((l) => l.route.config.db === 3),
    ).toBe(false);
    await t.http
      .put('/rate-limit/policies/export')
      .set(admin)
      .send({ limit: 5, window_seconds: 60 })
      .expect(200);
  });
});
