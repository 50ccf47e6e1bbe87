import type { Firestore } from '@google-cloud/firestore';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { MoveRecord } from '../../src/routing/moves/move.types';
import { startAppProcess, type AppProcess } from '../utils/app-process';
import { mountedKinds } from '../utils/mounted-kinds';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient, testFirestoreHost, uniqueProjectId } from '../utils/test-servers';
import { TEST_JWT_SECRET } from '../utils/tokens';
import { waitFor } from './fault-timing';
import {
  admin,
  countFlags,
  flagsOf,
  flagsPath,
  json,
  projectName,
  WriteProber,
  writeFlags,
} from './move-kill-harness';

jest.setTimeout(60_000);

const LEASE_MS = 3000;
/**
 * Project scopes of the tenant: the runner saves its progress after every scope, so on the
 * emulator the copy lasts seconds (about 8 scopes a second, verification as long again).
 */
const PROJECTS = 60;
const TENANT = 't_kill';
const FINAL = ['done', 'failed', 'aborted'];

/**
 * The instance running a move is killed (SIGKILL: no shutdown hook, no lease handed back) in
 * the middle of the copy. The other instance takes the move over once the lease lapses and
 * ends it: the route is either still the old one with the source intact, or the new one with
 * every record, and no scope stays frozen.
 */
describe('moves: the runner is killed mid-copy', () => {
  let dir: string;
  let projectId: string;
  let db: Firestore;
  let a: AppProcess;
  let b: AppProcess;
  const fs = (prefix: string) => ({ project_id: projectId, collection_prefix: prefix });

  beforeAll(async () => {
    projectId = uniqueProjectId('move-kill');
    db = newFirestoreClient({ projectId });
    dir = await mkdtemp(join(tmpdir(), 'move-kill-'));
    const seed = join(dir, 'routes.yaml');
    const routes: Record<string, unknown>[] = (await mountedKinds()).map(({ kind }) => ({
      resource_kind: kind,
      tenant_id: 't_system',
      env: 'test',
      backend_type: 'memory',
    }));
    routes.push({
      resource_kind: 'feature_flags',
      tenant_id: TENANT,
      env: 'test',
      backend_type: 'firestore',
      config: fs('src'),
    });
    await writeFile(seed, stringify({ routes }));
    await writeFlags(db, 'src', TENANT, PROJECTS);
    const env = {
      APP_ENV: 'test',
      REGISTRY_STORE: 'firestore',
      GCP_PROJECT_ID: projectId,
      FIRESTORE_EMULATOR_HOST: testFirestoreHost(),
      REGISTRY_SEED_FILE: seed,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      MOVE_LEASE_MS: String(LEASE_MS),
      MOVE_SETTLE_MS: '200',
    };
    a = await startAppProcess({ ...env, INSTANCE_ID: 'a' });
    b = await startAppProcess({ ...env, INSTANCE_ID: 'b' });
  });
  afterAll(async () => {
    await a?.kill('SIGKILL');
    await b?.kill('SIGKILL');
    await db?.terminate();
    await rm(dir, { recursive: true, force: true });
  });

  const moveOn = async (app: AppProcess, id: string): Promise<MoveRecord> =>
    (await json<MoveRecord>(`${app.url}/routing/moves/${id}`, { headers: admin })).body;

  it('is resumed or ended by the other instance within the lease: old route with the source, or new route with every record', async () => {
    const prober = new WriteProber(b, TENANT);
    prober.start();
    const started = await json<MoveRecord>(`${a.url}/routing/moves`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        resource_kind: 'feature_flags',
        tenant_id: TENANT,
        env: 'test',
        project_id: null,
        backend_type: 'firestore',
        config: fs('dst'),
        reason: 'own prefix',
      }),
    });
    expect(started.status).toBe(202);
    expect(started.body.scopes).toHaveLength(PROJECTS + 1);
    const id = started.body.id;

    const copying = await waitFor(
      () => moveOn(b, id),
      (m) => m.state === 'copying' && m.records_copied >= PROJECTS / 4,
      20_000,
    );
    await a.kill('SIGKILL');
    const killedAt = Date.now();
    const copiedAtKill = copying.records_copied;

    const takenOver = await waitFor(
      () => moveOn(b, id),
      (m) => m.lease_owner === 'b' || FINAL.includes(m.state),
      LEASE_MS * 2,
    );
    const takeoverMs = Date.now() - killedAt;
    const end = await waitFor(
      () => moveOn(b, id),
      (m) => FINAL.includes(m.state),
      40_000,
      100,
    );
    const endMs = Date.now() - killedAt;
    await prober.stop();

    console.log(
      `move ${id}: killed its runner at ${copiedAtKill}/${PROJECTS + 1} records copied; ` +
        `instance b took it over ${takeoverMs} ms after the kill (state ${takenOver.state}), ` +
        `it ended ${end.state} ${endMs} ms after the kill; b's freeze lasted ` +
        `${Date.parse(end.finished_at ?? '') - Date.parse(end.frozen_at ?? '')} ms; ` +
        `first freeze to end ${Date.parse(end.finished_at ?? '') - Date.parse(copying.frozen_at ?? '')} ms; ` +
        `writes through b refused for spans of [${prober.refusedSpans().join(', ')}] ms ` +
        `(${prober.answers.length} writes)`,
    );

    expect(takeoverMs).toBeLessThan(LEASE_MS + LEASE_MS / 3 + 1500);
    expect(end.frozen).toBe(false);
    expect(prober.unexpected()).toEqual([]);
    const route = await json<{ backend_type: string; config: Record<string, unknown> }>(
      `${b.url}/routing/routes/feature_flags/${TENANT}/test/*`,
      { headers: admin },
    );
    expect(route.status).toBe(200);
    // The source keeps every document whichever way the move ended.
    expect(await countFlags(db, 'src', TENANT, PROJECTS)).toBe(PROJECTS + 1);

    const sample = [0, 1, 7, Math.floor(PROJECTS / 2), PROJECTS - 1];
    if (end.state === 'done') {
      expect(route.body.config).toEqual(fs('dst'));
      expect(end.records_copied).toBe(PROJECTS + 1);
      expect(await countFlags(db, 'dst', TENANT, PROJECTS)).toBe(PROJECTS + 1);
      const held = await db.collection(`dst_tenants/${TENANT}/envs/test/projects`).listDocuments();
      expect(held).toHaveLength(PROJECTS + 1);
      // The last write b accepted is on the target: nothing written during the takeover was lost.
      const tenantLevel = (await db.doc(flagsPath('dst', TENANT, '-')).get()).data();
      expect(tenantLevel?.flags.custom.probe).toBe(prober.lastAccepted());
    } else {
      expect(route.body.config).toEqual(fs('src'));
      expect(await countFlags(db, 'dst', TENANT, PROJECTS)).toBe(0);
    }
    for (const i of sample) {
      const read = await json<{ flags: unknown; source: string; version: number }>(
        `${b.url}/feature-flags`,
        { headers: scopedHeaders({ tenant: TENANT, project: projectName(i) }) },
      );
      expect(read).toEqual({
        status: 200,
        body: expect.objectContaining({
          flags: flagsOf(i),
          source: 'project',
          version: 1 + (i % 4),
        }),
      });
    }

    // Nothing stays frozen: a write to a moved scope goes through b, to the route's backend.
    const put = await fetch(`${b.url}/feature-flags?level=project`, {
      method: 'PUT',
      headers: {
        ...scopedHeaders({ tenant: TENANT, project: projectName(1) }),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ custom: { after: true } }),
    });
    expect(put.status).toBe(200);
    const served = end.state === 'done' ? 'dst' : 'src';
    const stored = (await db.doc(flagsPath(served, TENANT, projectName(1))).get()).data();
    expect(stored?.flags.custom.after).toBe(true);
  });
});
