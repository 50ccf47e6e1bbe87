import type { INestApplication } from '@nestjs/common';
import { BackendClients } from '../src/backends/backend-clients';
import { AdapterCache } from '../src/routing/adapter-cache';
import type { MountedKind } from '../src/routing/kind-catalog';
import { RegistrySnapshot } from '../src/routing/registry-snapshot';
import { routeKeyId, type Route } from '../src/routing/route.types';
import { RouteValidator } from '../src/routing/route-validator';
import { RoutingRegistry } from '../src/routing/routing-registry';
import { consume, median, pairedRatio, timeOnce, toSample, type Sample } from './harness';
import { BENCH_ENV, syntheticRoutes } from './routes';
import { formatBytes, formatRatio, sampleRow, type Row } from './table';

const TITLE = '3. Snapshot apply';
const WARMUP = 3;
const ROUNDS = 11;

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** Builds the snapshot from 50k routes, plus the other per-route work an instance does on a change. */
export function benchSnapshot(app: INestApplication, kinds: MountedKind[]): Row[] {
  const routes = syntheticRoutes(kinds);
  const keys = routes.map((r) => routeKeyId(r));
  const validator = app.get(RouteValidator);
  const problems = routes.flatMap((r) => validator.validate(r));
  if (problems.length > 0) throw new Error(`synthetic routes refused: ${problems[0]?.message}`);
  // An empty cache: retainOnly computes the live adapter set and drops nothing.
  const cache = new AdapterCache(app.get(BackendClients), app.get(RoutingRegistry));
  const snapshot = (): RegistrySnapshot => new RegistrySnapshot(BENCH_ENV, 2, routes, new Date());
  const built = snapshot();

  const variants: Record<string, () => unknown> = {
    map: () => new Map(routes.map((r, i) => [keys[i] as string, r])),
    snapshot,
    validate: () => routes.filter((r) => validator.validate(r).length === 0),
    retain: () => cache.retainOnly(built),
  };
  const names = Object.keys(variants);
  const rounds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const name of [
      ...names.slice(round % names.length),
      ...names.slice(0, round % names.length),
    ]) {
      const ns = timeOnce(variants[name] as () => unknown);
      if (round >= WARMUP) rounds[name]?.push(ns);
    }
  }
  const s: Record<string, Sample> = Object.fromEntries(
    names.map((n) => [n, toSample(rounds[n] ?? [])]),
  );
  const ms = (x: Sample): string => `≈ ${(x.medianNs / 1e6).toFixed(1)} ms`;
  const n = routes.length.toLocaleString('en-US');
  const vsSnap = (x: Sample): string => formatRatio(pairedRatio(x, s.snapshot!), 'snapshot build');

  const memory = measureMemory(kinds);
  const memoryRow = (name: string, bytes: number, notes: string): Row => ({
    measurement: TITLE,
    case: name,
    median: '—',
    opsPerSec: '—',
    spread: '—',
    ratio: '—',
    notes: `${formatBytes(bytes)} (${Math.round(bytes / routes.length)} B/route); ${notes}`,
  });
  return [
    sampleRow(TITLE, `new Map from ${n} prebuilt keys (baseline)`, s.map!, '1.00×', ms(s.map!)),
    sampleRow(
      TITLE,
      `new RegistrySnapshot(${n} routes)`,
      s.snapshot!,
      formatRatio(pairedRatio(s.snapshot!, s.map!), 'Map'),
      `${ms(s.snapshot!)}; builds each route's key string`,
    ),
    sampleRow(
      TITLE,
      `policy check of ${n} routes`,
      s.validate!,
      vsSnap(s.validate!),
      ms(s.validate!),
    ),
    sampleRow(
      TITLE,
      'AdapterCache.retainOnly (live adapter set)',
      s.retain!,
      vsSnap(s.retain!),
      `${ms(s.retain!)}; adapterKey (sort + JSON.stringify) per route`,
    ),
    memoryRow('heap: the route objects', memory.routes, 'as decoded from the store'),
    memoryRow(
      'heap: snapshot index on top',
      memory.snapshot,
      gc ? 'after global.gc(), median of 3' : 'no --expose-gc: unreliable',
    ),
  ];
}

function measureMemory(kinds: MountedKind[]): { routes: number; snapshot: number } {
  const runs = [0, 1, 2].map(() => measureMemoryOnce(kinds));
  return {
    routes: median(runs.map((r) => r.routes)),
    snapshot: median(runs.map((r) => r.snapshot)),
  };
}

/**
 * One measurement in its own frame: a loop would keep the previous iteration's objects
 * reachable from interpreter registers until they are overwritten.
 */
function measureMemoryOnce(kinds: MountedKind[]): { routes: number; snapshot: number } {
  const before = heapUsed();
  const routes: Route[] = syntheticRoutes(kinds);
  const mid = heapUsed();
  const snap = new RegistrySnapshot(BENCH_ENV, 3, routes, new Date());
  const after = heapUsed();
  consume([routes, snap]);
  consume(null);
  return { routes: mid - before, snapshot: after - mid };
}
