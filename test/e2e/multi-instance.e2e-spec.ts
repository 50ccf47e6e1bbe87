import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startAppProcess, type AppProcess } from '../utils/app-process';
import { mountedKinds } from '../utils/mounted-kinds';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient, testFirestoreHost, uniqueProjectId } from '../utils/test-servers';
import { signToken, TEST_JWT_SECRET } from '../utils/tokens';

jest.setTimeout(240_000);

const admin = {
  Authorization: `Bearer ${signToken({ sub: 'u_ops', registry_admin: true })}`,
  'Content-Type': 'application/json',
};
const acme = scopedHeaders({ tenant: 't_acme' });

async function json(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function appliedVersion(app: AppProcess): Promise<number> {
  return (await json(`${app.url}/routing/status`, { headers: admin })).body
    .applied_version as number;
}

/** Two app processes share one Firestore registry; writes go through instance 1. */
describe('live switching across instances', () => {
  let dir: string;
  let projectId: string;
  let one: AppProcess;
  let two: AppProcess;

  beforeAll(async () => {
    projectId = uniqueProjectId('multi');
    dir = await mkdtemp(join(tmpdir(), 'multi-'));
    const seed = join(dir, 'routes.yaml');
    const routes = (await mountedKinds()).map(({ kind }) => ({
      resource_kind: kind,
      tenant_id: 't_system',
      env: 'test',
      backend_type: 'memory',
    }));
    await writeFile(seed, stringify({ routes }));
    const env = {
      APP_ENV: 'test',
      REGISTRY_STORE: 'firestore',
      GCP_PROJECT_ID: projectId,
      FIRESTORE_EMULATOR_HOST: testFirestoreHost(),
      REGISTRY_SEED_FILE: seed,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      ROUTING_DRAIN_MS: '500',
    };
    one = await startAppProcess({ ...env, INSTANCE_ID: 'one' });
    two = await startAppProcess({ ...env, INSTANCE_ID: 'two' });
  });
  afterAll(async () => {
    expect(await one?.stop()).toBe(0);
    expect(await two?.stop()).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });

  const switchTo = async (prefix: string | null): Promise<number> => {
    const body =
      prefix === null
        ? { backend_type: 'memory' }
        : {
            backend_type: 'firestore',
            config: { project_id: projectId, collection_prefix: prefix },
          };
    const res = await json(`${one.url}/routing/routes/feature_flags/t_acme/test/*`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return appliedVersion(one);
  };

  it('applies a write made through instance 1 on instance 2 within a second, and instance 2 serves the new backend', async () => {
    const version = await switchTo('moved');
    const started = Date.now();
    while ((await appliedVersion(two)) < version && Date.now() - started < 5000)
      await new Promise((r) => setTimeout(r, 5));
    const latency = Date.now() - started;
    process.stdout.write(
      `instance 2 applied registry version ${version} ${latency} ms after instance 1 committed it\n`,
    );
    expect(await appliedVersion(two)).toBeGreaterThanOrEqual(version);
    expect(latency).toBeLessThan(1000);

    const put = await json(`${two.url}/feature-flags`, {
      method: 'PUT',
      headers: { ...acme, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ws_enabled: true }),
    });
    expect(put.status).toBe(200);
    const db = newFirestoreClient({ projectId });
    try {
      expect(
        (await db.doc('moved_tenants/t_acme/envs/test/projects/p_web/feature_flags/flags').get())
          .exists,
      ).toBe(true);
    } finally {
      await db.terminate();
    }
  });

  it('fails no request of a steady stream while the route switches five times', async () => {
    let running = true;
    const failures: string[] = [];
    let sent = 0;
    const client = async (app: AppProcess): Promise<void> => {
      while (running) {
        sent += 1;
        const res = await fetch(`${app.url}/feature-flags`, { headers: acme }).catch(
          (err: Error) => err,
        );
        if (res instanceof Error) failures.push(res.message);
        else if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
      }
    };
    const clients = [client(two), client(two), client(one)];
    for (const prefix of ['s1', null, 's2', null, 's3']) {
      const version = await switchTo(prefix);
      while ((await appliedVersion(two)) < version) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 150));
    }
    running = false;
    await Promise.all(clients);
    process.stdout.write(`${sent} requests during five switches, ${failures.length} failed\n`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(50);
  });
});
