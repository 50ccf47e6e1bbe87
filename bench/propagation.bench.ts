import { Firestore } from '@google-cloud/firestore';
import { Agent } from 'node:http';
import { sign } from 'jsonwebtoken';
import { cpus } from 'node:os';
import { spawnFirestoreEmulator, type FirestoreEmulatorProcess } from '../tools/local-servers';
import type { MountedKind } from '../src/routing/kind-catalog';
import type { Route } from '../src/routing/route.types';
import {
  FirestoreRegistryStore,
  REGISTRY_COLLECTIONS,
  routeDocId,
} from '../src/routing/store/firestore-registry.store';
import type { RouteDoc } from '../src/routing/store/registry-docs';
import { startBuiltApp, type BuiltApp } from './app-process';
import { BENCH_GCP_PROJECT, BENCH_JWT_SECRET, benchHeaders } from './app';
import { quantile } from './harness';
import { httpCall } from './http-client';
import { formatNumber, formatRatio, type Row } from './table';

const TITLE = '11. Propagation at scale';
const INSTANCES = 3;
const SWITCHES = Number(process.env.PROPAGATION_SWITCHES ?? 50);
/** Pause between two switches (every instance has applied the previous one by then). */
const SWITCH_GAP_MS = 200;
/** Closed-loop clients per instance sending `GET /feature-flags` as t_acme during the switches. */
const CLIENTS_PER_INSTANCE = 4;
const PROJECTS = ['p_web', 'p_api'];
const SEED_BATCH = 500;

/** Registry routes: a t_system route per kind, then filler tenants until `total` routes. */
function registryRoutes(kinds: MountedKind[], total: number): Route[] {
  const now = new Date().toISOString();
  const make = (kind: string, tenant: string, project: string | null): Route => ({
    resource_kind: kind,
    tenant_id: tenant,
    env: 'test',
    project_id: project,
    backend_type: 'memory',
    config: {},
    required: false,
    version: 1,
    updated_at: now,
    updated_by: 'bench',
    rationale: '',
  });
  const routes = kinds.map(({ kind }) => make(kind, 't_system', null));
  for (let t = 0; routes.length < total; t++) {
    for (const { kind } of kinds) {
      for (const project of [null, ...PROJECTS]) {
        if (routes.length < total) routes.push(make(kind, `t_fill${t}`, project));
      }
    }
  }
  return routes;
}

/**
 * Writes the routes as the Firestore store keeps them (one document each, registry version
 * 1, no revisions) in parallel batches: a bench fixture, not the seeder (whose cost the
 * registry sections measure).
 */
async function seedRegistry(db: Firestore, routes: Route[]): Promise<number> {
  const started = Date.now();
  const collection = db.collection(REGISTRY_COLLECTIONS.routes);
  const batches: Route[][] = [];
  for (let i = 0; i < routes.length; i += SEED_BATCH) batches.push(routes.slice(i, i + SEED_BATCH));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = db.batch();
      for (const route of batches[next++] as Route[]) {
        const doc: RouteDoc = {
          ...route,
          deleted: false,
          registry_version: 1,
          route_id: routeDocId(route),
        };
        batch.set(collection.doc(doc.route_id), doc);
      }
      await batch.commit();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await db
    .collection(REGISTRY_COLLECTIONS.meta)
    .doc('state')
    .set({ version: 1, updated_at: new Date().toISOString() });
  return Date.now() - started;
}

async function getJson(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
): Promise<unknown> {
  const { status, text } = await httpCall(agent, url, { headers });
  if (status !== 200) throw new Error(`${url} answered ${status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** The status of a GET (0 when the connection failed). */
function status(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  return httpCall(agent, url, { headers }).then(
    (answer) => answer.status,
    () => 0,
  );
}

interface Applied {
  applied_version: number;
  applied_at: string | null;
}

/**
 * Three instances of the built app on one Firestore registry (an emulator in its own
 * process) holding `total` routes; 50 switches of t_acme's feature_flags route (between two
 * Firestore prefixes) are written straight to the store while every instance serves
 * `GET /feature-flags` for t_acme. For each switch: the time from the write (the route's
 * `updated_at`, taken inside the write's transaction) to each instance's `applied_at` of
 * that registry version (from its /routing/status, polled), the slowest instance counted.
 * Peer: the same on a registry of one route per kind, in the same run.
 */
export async function benchPropagation(
  kinds: MountedKind[],
  sizes: readonly number[],
  step: (name: string) => void,
): Promise<Row[]> {
  const rows: Row[] = [];
  let baseline: number | null = null;
  for (const total of sizes) {
    const result = await propagationAt(kinds, total, step);
    const p50 = quantile(result.lags, 0.5);
    const p99 = quantile(result.lags, 0.99);
    baseline ??= p99;
    rows.push({
      measurement: TITLE,
      case: `${total.toLocaleString('en-US')} routes: write to all ${INSTANCES} instances applied${rows.length === 0 ? ' (baseline)' : ''}`,
      median: formatNumber(p50 * 1e6),
      opsPerSec: '—',
      spread: '—',
      ratio: rows.length === 0 ? '1.00×' : formatRatio(p99 / baseline, 'baseline p99'),
      notes:
        `p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...result.lags).toFixed(0)} ms over ${result.lags.length} switches; ` +
        `requests during the switches: ${result.ok.toLocaleString('en-US')} answered 200, ${result.failed.toLocaleString('en-US')} failed; ` +
        `seeded in ${(result.seedMs / 1000).toFixed(1)} s, all instances live ${(result.bootMs / 1000).toFixed(1)} s after start; ` +
        `${cpus().length} cores shared by the emulator, the instances and the clients`,
    });
  }
  return rows;
}

async function propagationAt(
  kinds: MountedKind[],
  total: number,
  step: (name: string) => void,
): Promise<{ lags: number[]; ok: number; failed: number; seedMs: number; bootMs: number }> {
  let emulator: FirestoreEmulatorProcess | null = null;
  let db: Firestore | null = null;
  let store: FirestoreRegistryStore | null = null;
  const apps: BuiltApp[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    // A larger young generation halves the emulator's time on large results (it is mostly GC).
    emulator = await spawnFirestoreEmulator(0, ['--max-semi-space-size=64']);
    db = new Firestore({ projectId: BENCH_GCP_PROJECT, host: emulator.host, ssl: false });
    step(`11. propagation: seeding ${formatNumber(total)} routes`);
    const seedMs = await seedRegistry(db, registryRoutes(kinds, total));
    store = new FirestoreRegistryStore(db);
    const prefixRoute = (prefix: string) => ({
      resource_kind: 'feature_flags',
      tenant_id: 't_acme',
      env: 'test' as const,
      project_id: null,
      backend_type: 'firestore' as const,
      config: { project_id: BENCH_GCP_PROJECT, collection_prefix: prefix },
    });
    await store.put(prefixRoute('pa'), { actor: 'bench', reason: 'propagation bench' });
    step(`11. propagation: starting ${INSTANCES} instances on ${formatNumber(total)} routes`);
    const bootStarted = Date.now();
    const env = {
      APP_ENV: 'test',
      REGISTRY_STORE: 'firestore',
      GCP_PROJECT_ID: BENCH_GCP_PROJECT,
      FIRESTORE_EMULATOR_HOST: emulator.host,
      AUTH_JWT_SECRET: BENCH_JWT_SECRET,
      METADATA_SERVER_DETECTION: 'none',
      LOG_LEVEL: 'warn',
    };
    const started = await Promise.all(
      Array.from({ length: INSTANCES }, (_, i) =>
        startBuiltApp({ ...env, INSTANCE_ID: `bench-${i + 1}` }, 600_000),
      ),
    );
    apps.push(...started);
    const bootMs = Date.now() - bootStarted;
    const admin = {
      authorization: `Bearer ${sign({ sub: 'u_ops', registry_admin: true }, BENCH_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}`,
    };
    const scoped = benchHeaders('t_acme');

    let running = true;
    let ok = 0;
    let failed = 0;
    const client = async (app: BuiltApp): Promise<void> => {
      while (running) {
        const code = await status(agent, `${app.url}/feature-flags`, scoped);
        if (code === 200) ok += 1;
        else failed += 1;
      }
    };
    const load = apps.flatMap((app) =>
      Array.from({ length: CLIENTS_PER_INSTANCE }, () => client(app)),
    );
    const lags: number[] = [];
    try {
      step(`11. propagation: ${SWITCHES} switches under load`);
      for (let i = 0; i < SWITCHES; i++) {
        const route = await store.put(prefixRoute(i % 2 === 0 ? 'pb' : 'pa'), {
          actor: 'bench',
          reason: `switch ${i + 1}`,
        });
        const version = await store.version();
        const committed = Date.parse(route.updated_at);
        let slowest = 0;
        for (const app of apps) {
          const deadline = Date.now() + 30_000;
          for (;;) {
            const s = (await getJson(agent, `${app.url}/routing/status`, admin)) as Applied;
            if (s.applied_version >= version && s.applied_at !== null) {
              slowest = Math.max(slowest, Date.parse(s.applied_at) - committed);
              break;
            }
            if (Date.now() > deadline)
              throw new Error(`${app.url} did not apply registry version ${version} in 30 s`);
            await new Promise((r) => setTimeout(r, 2));
          }
        }
        lags.push(slowest);
        await new Promise((r) => setTimeout(r, SWITCH_GAP_MS));
      }
    } finally {
      running = false;
      await Promise.all(load);
    }
    return { lags, ok, failed, seedMs, bootMs };
  } finally {
    agent.destroy();
    await Promise.all(apps.map((a) => a.stop()));
    await store?.close();
    if (store === null) await db?.terminate();
    await emulator?.kill();
  }
}
