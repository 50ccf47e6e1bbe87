import { runCommand, type CommandRun } from '../utils/run-command';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { MountedKind } from '../../src/routing/kind-catalog';
import { FirestoreRegistryStore } from '../../src/routing/store/firestore-registry.store';
import { ensureBuilt } from '../utils/built-app';
import { mountedKinds } from '../utils/mounted-kinds';
import { newFirestoreClient, testFirestoreHost, uniqueProjectId } from '../utils/test-servers';

jest.setTimeout(120_000);

const run = runCommand;

/** A route on a real-looking durable backend for every mounted kind at t_system in prod. */
function prodRoutes(kinds: MountedKind[]): Record<string, unknown>[] {
  return kinds.map(({ kind, backends }) => {
    const base = { resource_kind: kind, tenant_id: 't_system', env: 'prod' };
    if (backends.includes('firestore'))
      return { ...base, backend_type: 'firestore', config: { project_id: 'acme-prod' } };
    if (backends.includes('redis'))
      return { ...base, backend_type: 'redis', config: { host: 'redis.internal' } };
    return { ...base, backend_type: 's3', config: { bucket: 'acme-prod', region: 'eu-west-1' } };
  });
}

describe('registry CLI', () => {
  let dir: string;
  let kinds: MountedKind[];
  let cli: (args: string[], env?: Record<string, string>) => Promise<CommandRun>;
  const file = async (name: string, routes: unknown[]): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, stringify({ routes }));
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-'));
    kinds = await mountedKinds();
    const main = await ensureBuilt();
    const built = join(main, '..', 'cli', 'registry.cli.js');
    cli = (args, env) => run(process.execPath, [built, ...args], env);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validate (npm run registry) exits 1 on a prod memory route and prints its kind and scope', async () => {
    const bad = await file('bad.yaml', [
      {
        resource_kind: 'feature_flags',
        tenant_id: 't_acme',
        env: 'prod',
        project_id: 'p_web',
        backend_type: 'memory',
      },
    ]);
    const res = await run('npm', [
      'run',
      '-s',
      'registry',
      '--',
      'validate',
      '--file',
      bad,
      '--env',
      'prod',
    ]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'feature_flags @ t_acme/prod/p_web: backend_type "memory" is not allowed in prod',
    );
  });

  it('validate exits 0 on a good file, also with --coverage', async () => {
    const good = await file('good.yaml', prodRoutes(kinds));
    const res = await cli(['validate', '--file', good, '--env', 'prod', '--coverage']);
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toContain(
      `${kinds.length} routes valid, every mounted kind covered in prod`,
    );
  });

  it('validate --coverage exits 1 naming a mounted kind with no route at a required scope', async () => {
    const partial = await file(
      'partial.yaml',
      prodRoutes(kinds).filter((r) => r.resource_kind !== 'feature_flags'),
    );
    const res = await cli(['validate', '--file', partial, '--env', 'prod', '--coverage'], {
      ROUTING_REQUIRED_SCOPES: 't_acme',
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'feature_flags @ t_system/prod/*: no route (tried t_system/prod/*)',
    );
    expect(res.stdout).toContain(
      'feature_flags @ t_acme/prod/*: no route (tried t_acme/prod/*, t_system/prod/*)',
    );
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const res = await cli(['validate', '--env', 'prod']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('validate needs --file');
    expect(res.stderr).toContain('Usage: npm run registry');
  });

  describe('against a Firestore registry', () => {
    const projectId = uniqueProjectId('cli');
    const env = {
      APP_ENV: 'test',
      REGISTRY_STORE: 'firestore',
      GCP_PROJECT_ID: projectId,
      FIRESTORE_EMULATOR_HOST: testFirestoreHost(),
    };
    let store: FirestoreRegistryStore;
    let routesFile: string;
    beforeAll(async () => {
      store = new FirestoreRegistryStore(newFirestoreClient({ projectId }));
      routesFile = await file(
        'test.yaml',
        kinds.map(({ kind }) => ({
          resource_kind: kind,
          tenant_id: 't_system',
          env: 'test',
          backend_type: 'memory',
        })),
      );
    });
    afterAll(() => store.close());

    it('apply --dry-run writes nothing and says what would move', async () => {
      const res = await cli(['apply', '--file', routesFile, '--dry-run'], env);
      expect(res).toMatchObject({ code: 0 });
      expect(res.stdout).toContain(
        `Dry run, nothing written. ${kinds.length} of ${kinds.length} routes differ`,
      );
      expect((await store.load()).version).toBe(0);
    });

    it('apply writes, export prints the routes, coverage reports every kind resolved', async () => {
      const applied = await cli(['apply', '--file', routesFile], env);
      expect(applied).toMatchObject({ code: 0 });
      expect((await store.load()).routes).toHaveLength(kinds.length);
      const again = await cli(['apply', '--file', routesFile], env);
      expect(again.stdout).toContain(`0 of ${kinds.length} routes differ`);
      const exported = await cli(['export', '--env', 'test'], env);
      expect(exported.stdout).toContain('resource_kind: feature_flags');
      const covered = await cli(['coverage'], env);
      expect(covered).toMatchObject({ code: 0 });
      expect(covered.stdout).toContain('All covered.');
      const prod = await cli(['coverage', '--env', 'prod'], env);
      expect(prod.code).toBe(1);
      expect(prod.stdout).toContain('missing  feature_flags @ t_system/prod/*');
    });
  });
});
