import { runCommand, type CommandRun } from '../utils/run-command';
import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { routeKeyId } from '../../src/routing/route.types';
import { FirestoreRegistryStore } from '../../src/routing/store/firestore-registry.store';
import { ensureBuilt } from '../utils/built-app';
import { newFirestoreClient, testFirestoreHost, uniqueProjectId } from '../utils/test-servers';

jest.setTimeout(120_000);

/** Runs the built CLI with nothing but PATH and HOME (and `env`) in its environment. */
const runCli = (
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandRun> => runCommand(process.execPath, [cli, ...args], env);

/** A feature flags document as the Firestore adapter stores it. */
function flagsDocument(tenant: string, project: string | null, value: string) {
  return {
    flags: {
      ws_enabled: true,
      sse_enabled: false,
      gesture_logging: false,
      replay_mode: 'off',
      visibility_mode: 'private',
      custom: { value },
    },
    version: 3,
    updated_at: '2024-05-01T10:00:00.000Z',
    updated_by: 'u_ops',
    tenant_id: tenant,
    env: 'test',
    project_id: project,
  };
}

/** `npm run registry -- move …` against a Firestore registry, the CLI process running the move. */
describe('registry CLI: move', () => {
  const projectId = uniqueProjectId('climv');
  const env = {
    APP_ENV: 'test',
    REGISTRY_STORE: 'firestore',
    GCP_PROJECT_ID: projectId,
    FIRESTORE_EMULATOR_HOST: testFirestoreHost(),
    MOVE_SETTLE_MS: '200',
  };
  const flagsPath = (tenant: string, prefix = ''): string =>
    `${prefix}tenants/${tenant}/envs/test/projects/p_web/feature_flags/flags`;
  let cli: (args: string[]) => Promise<CommandRun>;
  let store: FirestoreRegistryStore;
  let db: Firestore;

  beforeAll(async () => {
    const main = await ensureBuilt();
    const built = join(main, '..', 'cli', 'registry.cli.js');
    cli = (args) => runCli(built, args, env);
    store = new FirestoreRegistryStore(newFirestoreClient({ projectId }));
    db = newFirestoreClient({ projectId });
    await store.put(
      {
        resource_kind: 'feature_flags',
        tenant_id: 't_system',
        env: 'test',
        project_id: null,
        backend_type: 'firestore',
        config: { project_id: projectId },
        required: false,
        rationale: 'shared database',
      },
      { actor: 'u_ops' },
    );
    await db.doc(flagsPath('t_acme')).set(flagsDocument('t_acme', 'p_web', 'web'));
  });
  afterAll(async () => {
    await db.terminate();
    await store.close();
  });

  const moveArgs = (tenant: string, prefix: string): string[] => [
    'move',
    'feature_flags',
    tenant,
    'test',
    '*',
    '--to',
    'firestore',
    '--config',
    `project_id=${projectId}`,
    '--config',
    `collection_prefix=${prefix}`,
    '--reason',
    'test',
  ];

  it('--dry-run prints the plan and changes nothing', async () => {
    const res = await cli([...moveArgs('t_acme', 'cli'), '--dry-run']);
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toContain('Dry run, nothing written or frozen.');
    expect(res.stdout).toContain('2 scopes, 1 record,');
    expect(res.stdout).toMatch(/t_acme\/test\/p_web\s+1 record\s/);
    expect(res.stdout).toContain('(route at t_system/test/*)');
    expect((await store.load()).routes).toHaveLength(1);
    expect((await db.doc(flagsPath('t_acme', 'cli_')).get()).exists).toBe(false);
  });

  it('moves the tenant: progress on stderr, summary on stdout, route switched, data on the target', async () => {
    const res = await cli(moveArgs('t_acme', 'cli'));
    expect(res).toMatchObject({ code: 0 });
    expect(res.stderr).toContain('started: 1 record in 2 scopes');
    expect(res.stderr).toMatch(/done +1\/1 records copied/);
    expect(res.stdout).toMatch(/Move mv_\S+ done: feature_flags @ t_acme\/test\/\*/);
    expect(res.stdout).toContain('1 record copied');
    expect(res.stdout).toMatch(/writes frozen for \d+\.\d\d s \(until the switch\)/);
    expect(res.stdout).toMatch(/switched at registry version \d+/);
    const id = /Move (mv_\S+) done/.exec(res.stdout)?.[1] as string;

    const routes = (await store.load()).routes;
    const own = routes.find(
      (r) =>
        routeKeyId(r) ===
        routeKeyId({
          resource_kind: 'feature_flags',
          tenant_id: 't_acme',
          env: 'test',
          project_id: null,
        }),
    );
    expect(own).toMatchObject({
      backend_type: 'firestore',
      config: { project_id: projectId, collection_prefix: 'cli' },
    });
    const moved = await db.doc(flagsPath('t_acme', 'cli_')).get();
    expect(moved.data()).toMatchObject({ version: 3, flags: { custom: { value: 'web' } } });
    // The source keeps its copy.
    expect((await db.doc(flagsPath('t_acme')).get()).exists).toBe(true);

    const followed = await cli(['move', '--follow', id]);
    expect(followed).toMatchObject({ code: 0 });
    expect(followed.stdout).toContain(`Move ${id} done`);
    const listed = await cli(['moves']);
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.stdout).toMatch(new RegExp(`${id}  feature_flags @ t_acme/test/\\*  done`));
  });

  it('exits 1 with the reason when the move is refused', async () => {
    const same = await cli(moveArgs('t_acme', 'cli'));
    expect(same.code).toBe(1);
    expect(same.stderr).toContain(
      'Cannot move feature_flags @ t_acme/test/*: it is already served by this firestore backend and config.',
    );

    await db.doc(flagsPath('t_beta')).set(flagsDocument('t_beta', 'p_web', 'beta'));
    await db.doc(flagsPath('t_beta', 'taken_')).set(flagsDocument('t_beta', 'p_web', 'old'));
    const taken = await cli(moveArgs('t_beta', 'taken'));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('the target already holds feature_flags records');
    expect((await store.load()).routes.some((r) => r.tenant_id === 't_beta')).toBe(false);
  });
});
