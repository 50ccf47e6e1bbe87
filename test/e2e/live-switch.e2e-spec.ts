import { createTestApp, waitForRegistryVersion, type TestApp } from '../utils/create-test-app';
import { RegistryWriter } from '../utils/registry-writer';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

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

    const untouched = await t.http.get('/feature-flags').set(other).expect(200);
    expect(untouched.body).toMatchObject({
      source: 'project',
      flags: { custom: { where: 'other' } },
    });
    expect(await docExists('after', 't_other')).toBe(false);
  });
});
