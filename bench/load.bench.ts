import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  spawnFirestoreEmulator,
  startRedisServer,
  type FirestoreEmulatorProcess,
  type RedisServerHandle,
} from '../tools/local-servers';
import type { MountedKind } from '../src/routing/kind-catalog';
import type { RouteInput } from '../src/routing/route.types';
import { startBuiltApp, type BuiltApp } from './app-process';
import { BENCH_GCP_PROJECT, BENCH_JWT_SECRET, benchHeaders } from './app';
import { quantile } from './harness';
import { httpCall, type HttpAnswer } from './http-client';
import { formatNumber, formatRatio, type Row } from './table';

const TITLE = '10. User-level load';
/** Length of the measured window; `LOAD_SECONDS=10 npm run bench -- 10` for a quick look. */
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
/** Requests in flight at any time (one keep-alive socket each). */
const CONCURRENCY = 32;
/** Not recorded: the app's and the backends' first requests (JIT, connections). */
const WARMUP_MS = 3_000;
const CHAT_THREADS = 16;
const RATE_SUBJECTS = 500;

interface Operation {
  name: string;
  /** Share of the requests. */
  weight: number;
  /** Statuses that are a correct answer (a 429 of a limit is one). */
  expected: readonly number[];
  send(t: Target): Promise<number>;
}

interface Target {
  url: string;
  agent: Agent;
  headers: Record<string, string>;
}

interface Tally {
  latencies: number[];
  statuses: Map<number, number>;
}

function call(t: Target, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  return httpCall(t.agent, `${t.url}${path}`, { method, headers: t.headers, body });
}

async function must(t: Target, method: string, path: string, body: unknown): Promise<string> {
  const { status, text } = await call(t, method, path, body);
  if (status >= 300) throw new Error(`load setup: ${method} ${path} answered ${status}: ${text}`);
  return text;
}

/**
 * The seed: feature_flags and kpi on Firestore (the emulator), rate_limit and chat_bus on
 * Redis, every other kind on memory (not exercised here).
 */
function seedRoutes(kinds: MountedKind[], redis: RedisServerHandle): RouteInput[] {
  const firestore = new Set(['feature_flags', 'kpi']);
  const onRedis = new Set(['rate_limit', 'chat_bus']);
  return kinds.map(({ kind }) => ({
    resource_kind: kind,
    tenant_id: 't_system',
    env: 'test',
    project_id: null,
    backend_type: firestore.has(kind) ? 'firestore' : onRedis.has(kind) ? 'redis' : 'memory',
    config: firestore.has(kind)
      ? { project_id: BENCH_GCP_PROJECT, collection_prefix: 'load' }
      : onRedis.has(kind)
        ? { host: redis.host, port: redis.port }
        : {},
  }));
}

/** The workload: what a tenant's services do all day, in these proportions. */
async function operations(t: Target): Promise<Operation[]> {
  await must(t, 'PUT', '/feature-flags?level=tenant', { ws_enabled: true });
  await must(t, 'PUT', '/rate-limit/policies/api.call', { limit: 10_000, window_seconds: 60 });
  await must(t, 'POST', '/kpi/definitions', { surface: 'web', name: 'ctr' });
  const threads: string[] = [];
  for (let i = 0; i < CHAT_THREADS; i++) {
    const text = await must(t, 'POST', '/chat/threads', {
      title: `load ${i}`,
      participants: ['u_bench', 'agent:planner'],
    });
    threads.push((JSON.parse(text) as { id: string }).id);
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
  const status = (p: Promise<{ status: number }>): Promise<number> => p.then((r) => r.status);
  return [
    {
      name: 'flag read (GET /feature-flags, Firestore)',
      weight: 50,
      expected: [200],
      send: (c) => status(call(c, 'GET', '/feature-flags')),
    },
    {
      name: 'rate-limit consume (POST /rate-limit/consume, Redis)',
      weight: 20,
      expected: [200, 429],
      send: (c) =>
        status(
          call(c, 'POST', '/rate-limit/consume', {
            action: 'api.call',
            subject: `s${Math.floor(Math.random() * RATE_SUBJECTS)}`,
          }),
        ),
    },
    {
      name: 'chat post (POST /chat/threads/:id/messages, Redis)',
      weight: 15,
      expected: [201],
      send: (c) =>
        status(
          call(c, 'POST', `/chat/threads/${pick(threads)}/messages`, {
            role: 'user',
            text: 'a message of an ordinary length, about sixty characters long',
          }),
        ),
    },
    {
      name: 'KPI write (POST /kpi/measurements, Firestore)',
      weight: 15,
      expected: [201],
      send: (c) =>
        status(
          call(c, 'POST', '/kpi/measurements', {
            surface: 'web',
            kpi_name: 'ctr',
            value: Math.round(Math.random() * 1000) / 1000,
            timestamp: new Date().toISOString(),
          }),
        ),
    },
  ];
}

/** Runs {@link CONCURRENCY} closed-loop clients until `until`; records after `recordFrom`. */
async function drive(
  t: Target,
  ops: Operation[],
  tallies: Map<Operation, Tally>,
  recordFrom: number,
  until: number,
): Promise<void> {
  const total = ops.reduce((s, o) => s + o.weight, 0);
  const choose = (): Operation => {
    let r = Math.random() * total;
    for (const op of ops) if ((r -= op.weight) < 0) return op;
    return ops[0] as Operation;
  };
  const client = async (): Promise<void> => {
    while (Date.now() < until) {
      const op = choose();
      const start = process.hrtime.bigint();
      let status: number;
      try {
        status = await op.send(t);
      } catch {
        status = 0; // connection error
      }
      const ns = Number(process.hrtime.bigint() - start);
      if (Date.now() < recordFrom) continue;
      const tally = tallies.get(op) as Tally;
      tally.latencies.push(ns);
      tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
}

/**
 * A user-level load test: the built app as its own process on a memory registry, its
 * Firestore kinds on an emulator in another process and its Redis kinds on a real
 * redis-server (AOF, fsync always), driven for {@link SECONDS} s by {@link CONCURRENCY}
 * closed-loop clients with a mixed workload. Reports throughput and p50/p99 per operation,
 * so a regression anywhere on the request path, in a driver or in a backend shows here.
 */
export async function benchLoad(
  kinds: MountedKind[],
  step: (name: string) => void,
): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-load-'));
  let emulator: FirestoreEmulatorProcess | null = null;
  let redis: RedisServerHandle | null = null;
  let app: BuiltApp | null = null;
  try {
    emulator = await spawnFirestoreEmulator();
    redis = await startRedisServer();
    const seed = join(dir, 'routes.yaml');
    await writeFile(seed, stringify({ routes: seedRoutes(kinds, redis) }));
    app = await startBuiltApp({
      APP_ENV: 'test',
      REGISTRY_STORE: 'memory',
      REGISTRY_SEED_FILE: seed,
      AUTH_JWT_SECRET: BENCH_JWT_SECRET,
      GCP_PROJECT_ID: BENCH_GCP_PROJECT,
      FIRESTORE_EMULATOR_HOST: emulator.host,
      METADATA_SERVER_DETECTION: 'none',
      LOG_LEVEL: 'info',
    });
    const target: Target = {
      url: app.url,
      agent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
      headers: benchHeaders(),
    };
    const ops = await operations(target);
    const tallies = new Map(ops.map((o) => [o, { latencies: [], statuses: new Map() }]));
    step(`10. load: ${CONCURRENCY} clients for ${SECONDS} s (+${WARMUP_MS / 1000} s warm-up)`);
    const started = Date.now();
    await drive(target, ops, tallies, started + WARMUP_MS, started + WARMUP_MS + SECONDS * 1000);
    target.agent.destroy();
    return rows(ops, tallies);
  } finally {
    await app?.stop();
    await emulator?.kill();
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function rows(ops: Operation[], tallies: Map<Operation, Tally>): Row[] {
  const all = ops.reduce((n, o) => n + (tallies.get(o) as Tally).latencies.length, 0);
  const base = quantile((tallies.get(ops[0] as Operation) as Tally).latencies, 0.5);
  const out: Row[] = ops.map((op, i) => {
    const t = tallies.get(op) as Tally;
    const p50 = quantile(t.latencies, 0.5);
    const p99 = quantile(t.latencies, 0.99);
    const unexpected = [...t.statuses].filter(([s]) => !op.expected.includes(s));
    const answers = [...t.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s === 0 ? 'connection error' : s} × ${formatNumber(n)}`)
      .join(', ');
    return {
      measurement: TITLE,
      case: `${op.name}${i === 0 ? ' (baseline)' : ''}`,
      median: formatNumber(p50),
      opsPerSec: formatNumber(t.latencies.length / SECONDS),
      spread: '—',
      ratio: i === 0 ? '1.00×' : formatRatio(p50 / base, 'flag read'),
      notes:
        `p50 ${(p50 / 1e6).toFixed(1)} ms, p99 ${(p99 / 1e6).toFixed(1)} ms; ` +
        `${op.weight} % of requests; answers ${answers}` +
        (unexpected.length > 0 ? '; UNEXPECTED ANSWERS' : ''),
    };
  });
  out.push({
    measurement: TITLE,
    case: 'all operations',
    median: '—',
    opsPerSec: formatNumber(all / SECONDS),
    spread: '—',
    ratio: '—',
    notes: `${formatNumber(all)} requests in ${SECONDS} s, ${CONCURRENCY} clients in closed loop; app, emulator, redis-server and the clients share this machine's ${cpus().length} cores`,
  });
  return out;
}
