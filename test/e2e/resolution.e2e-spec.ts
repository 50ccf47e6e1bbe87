import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

/**
 * Resolution order seen through a real feature: feature_flags documents land in the
 * collection root of the route that applied (`<prefix>_tenants/...`), so where a write lands
 * shows which route resolved.
 */
describe('route resolution over HTTP', () => {
  let t: TestApp;
  const firestore = (prefix: string) => ({
    backend_type: 'firestore' as const,
    config: { project_id: t.firestoreProjectId, collection_prefix: prefix },
  });

  beforeAll(async () => {
    t = await createTestApp({
      registry: 'firestore',
      seed: 'memory',
      routes: [],
    });
    await t.putRoute(
      route({ resource_kind: 'feature_flags', tenant_id: 't_system', ...firestore('sys') }),
    );
    await t.putRoute(
      route({ resource_kind: 'feature_flags', tenant_id: 't_acme', ...firestore('tenant') }),
    );
    await t.putRoute(
      route({
        resource_kind: 'feature_flags',
        tenant_id: 't_acme',
        project_id: 'p_web',
        ...firestore('project'),
      }),
    );
    await t.putRoute(
      route({
        resource_kind: 'feature_flags',
        tenant_id: 't_beta',
        env: 'dev',
        ...firestore('beta_dev'),
      }),
    );
  });
  afterAll(() => t.close());

  /** Writes project-level flags as `tenant/project` and returns the roots holding the document. */
  async function rootsAfterWrite(tenant: string, project: string): Promise<string[]> {
    await t.http
      .put('/feature-flags')
      .set(scopedHeaders({ tenant, project }))
      .send({ ws_enabled: true })
      .expect(200);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      const roots = ['sys', 'tenant', 'project', 'beta_dev'];
      const found = await Promise.all(
        roots.map(async (r) =>
          (
            await db
              .doc(`${r}_tenants/${tenant}/envs/test/projects/${project}/feature_flags/flags`)
              .get()
          ).exists
            ? r
            : null,
        ),
      );
      return found.filter((r): r is string => r !== null);
    } finally {
      await db.terminate();
    }
  }

  it('a project route beats the tenant route', async () => {
    expect(await rootsAfterWrite('t_acme', 'p_web')).toEqual(['project']);
  });

  it('a tenant route beats t_system', async () => {
    expect(await rootsAfterWrite('t_acme', 'p_shop')).toEqual(['tenant']);
  });

  it('a tenant without routes uses t_system', async () => {
    expect(await rootsAfterWrite('t_gamma', 'p_web')).toEqual(['sys']);
  });

  it('never falls back across envs: a dev route of t_beta is not used in test', async () => {
    expect(await rootsAfterWrite('t_beta', 'p_web')).toEqual(['sys']);
  });
});
