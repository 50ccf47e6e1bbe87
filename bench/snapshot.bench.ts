import type { INestApplication } from '@nestjs/common';
import { BackendClients } from '../src/backends/backend-clients';
import { AdapterCache } from '../src/routing/adapter-cache';
import type { MountedKind } from '../src/routing/kind-catalog';
import { RegistrySnapshot } from '../src/routing/registry-snapshot';
import { routeKeyId, type Route } from '../src/routing/route.types';
import { RouteValidator } from '../src/routing/route-validator';
import { RoutingRegistry } from '../src/routing/routing-registry';
import { consume, median, pairedRatio, toSample, type Sample } from './harness';
import { BENCH_ENV, syntheticRoutes } from './routes';
import { formatBytes, formatRatio, sampleRow, type Row } from './table';

const TITLE = '3. Snapshot apply';
const WARMUP = 2;
const ROUNDS = 9;
/** Single-route changes per round (each one policy check + one snapshot advance). */
const CHANGES = 2000;

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** A registry size to apply: a label and how many tenants its synthetic routes cover. */
export interface SnapshotSize {
  label: string;
  tenants: number;
}

interface Variant {
  run: () => unknown;
  /** Calls per timing (so short operations are not timed one by one). */
  reps: number;
}

/**
 * Per size: building the snapshot from every route (what an instance does at boot or on a
 * full re-read), the other per-route work of a full apply (policy check, live adapter set),
 * and a single-route change applied incrementally (policy check of that route + advance).
 * Every variant of every size runs interleaved in the same rounds.
 */
export function benchSnapshot(
  app: INestApplication,
  kinds: MountedKind[],
  sizes: SnapshotSize[],
): Row[] {
  const validator = app.get(RouteValidator);
  // An empty cache: retainOnly computes the live adapter set and drops nothing.
  const cache = new AdapterCache(app.get(BackendClients), app.get(RoutingRegistry));
  const variants: Record<string, Variant> = {};
  const counts: Record<string, number> = {};
  for (const { label, tenants } of sizes) {
    const routes = syntheticRoutes(kinds, tenants);
    counts[label] = routes.length;
    const keys = routes.map((r) => routeKeyId(r));
    const problems = routes.flatMap((r) => validator.validate(r));
    if (problems.length > 0) throw new Error(`synthetic routes refused: ${problems[0]?.message}`);
    const reps = Math.max(1, Math.round(20_000 / routes.length));
    const built = new RegistrySnapshot(BENCH_ENV, 2, routes, new Date());
    // The changed route alternates between two versions of a tenant route, so every change
    // replaces the route in force.
    const target = routes[Math.floor(routes.length / 2)] as Route;
    const versions = [
      { ...target, version: 2, config: { ...target.config, collection_prefix: 'changed_a' } },
      { ...target, version: 3, config: { ...target.config, collection_prefix: 'changed_b' } },
    ];
    let current = new RegistrySnapshot(BENCH_ENV, 2, routes, new Date());
    let version = 2;
    variants[`map@${label}`] = {
      run: () => new Map(routes.map((r, i) => [keys[i] as string, r])),
      reps,
    };
    variants[`snapshot@${label}`] = {
      run: () => new RegistrySnapshot(BENCH_ENV, 2, routes, new Date()),
      reps,
    };
    variants[`validate@${label}`] = {
      run: () => routes.filter((r) => validator.validate(r).length === 0),
      reps,
    };
    variants[`retain@${label}`] = { run: () => cache.retainOnly(built), reps };
    variants[`change@${label}`] = {
      run: () => {
        version += 1;
        const after = versions[version % 2] as Route;
        if (validator.validate(after).length > 0) throw new Error('changed route refused');
        const before = current.route(after);
        current = current.advance(version, [{ key: after, before, after }], new Date(), [], []);
        return current;
      },
      reps: CHANGES,
    };
  }
  const names = Object.keys(variants);
  const rounds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const name of [
      ...names.slice(round % names.length),
      ...names.slice(0, round % names.length),
    ]) {
      const { run, reps } = variants[name] as Variant;
      const start = process.hrtime.bigint();
      for (let i = 0; i < reps; i++) consume(run());
      const ns = Number(process.hrtime.bigint() - start) / reps;
      if (round >= WARMUP) rounds[name]?.push(ns);
    }
  }
  const s = (name: string, label: string): Sample => toSample(rounds[`${name}@${label}`] ?? []);
  const ms = (x: Sample): string => `≈ ${(x.medianNs / 1e6).toFixed(x.medianNs < 1e7 ? 2 : 1)} ms`;
  const rows: Row[] = [];
  const first = sizes[0] as SnapshotSize;
  for (const { label } of sizes) {
    const n = (counts[label] as number).toLocaleString('en-US');
    const snap = s('snapshot', label);
    const vsSnap = (x: Sample): string => formatRatio(pairedRatio(x, snap), 'snapshot build');
    const change = s('change', label);
    const smallChange = s('change', first.label);
    rows.push(
      sampleRow(
        TITLE,
        `${label}: new Map from ${n} prebuilt keys (baseline)`,
        s('map', label),
        '1.00×',
        ms(s('map', label)),
      ),
      sampleRow(
        TITLE,
        `${label}: new RegistrySnapshot(${n} routes) (boot, full re-read)`,
        snap,
        formatRatio(pairedRatio(snap, s('map', label)), 'Map'),
        `${ms(snap)}; nested maps kind → tenant → project, no key strings`,
      ),
      sampleRow(
        TITLE,
        `${label}: policy check of ${n} routes (boot, full re-read)`,
        s('validate', label),
        vsSnap(s('validate', label)),
        ms(s('validate', label)),
      ),
      sampleRow(
        TITLE,
        `${label}: AdapterCache.retainOnly (full re-read only)`,
        s('retain', label),
        vsSnap(s('retain', label)),
        `${ms(s('retain', label))}; adapterKey (sort + JSON.stringify) per route`,
      ),
      sampleRow(
        TITLE,
        `${label}: single-route change (policy check + snapshot advance)`,
        change,
        label === first.label
          ? vsSnap(change)
          : `${vsSnap(change)}; ${formatRatio(change.medianNs / smallChange.medianNs, `at ${first.label}`)} (medians)`,
        'what a registry change costs per changed route; the rest of the registry is not touched',
      ),
    );
  }
  const last = sizes.at(-1) as SnapshotSize;
  const count = counts[last.label] as number;
  const memory = measureMemory(kinds, last.tenants);
  const memoryRow = (name: string, bytes: number, notes: string): Row => ({
    measurement: TITLE,
    case: name,
    median: '—',
    opsPerSec: '—',
    spread: '—',
    ratio: '—',
    notes: `${formatBytes(bytes)} (${Math.round(bytes / count)} B/route); ${notes}`,
  });
  rows.push(
    memoryRow(`${last.label}: heap: the route objects`, memory.routes, 'as decoded from the store'),
    memoryRow(
      `${last.label}: heap: snapshot index on top`,
      memory.snapshot,
      gc ? 'after global.gc(), median of 3' : 'no --expose-gc: unreliable',
    ),
  );
  return rows;
}

function measureMemory(
  kinds: MountedKind[],
  tenants: number,
): { routes: number; snapshot: number } {
  const runs = [0, 1, 2].map(() => measureMemoryOnce(kinds, tenants));
  return {
    routes: median(runs.map((r) => r.routes)),
    snapshot: median(runs.map((r) => r.snapshot)),
  };
}

/**
 * One measurement in its own frame: a loop would keep the previous iteration's objects
 * reachable from interpreter registers until they are overwritten.
 */
function measureMemoryOnce(
  kinds: MountedKind[],
  tenants: number,
): { routes: number; snapshot: number } {
  const before = heapUsed();
  const routes: Route[] = syntheticRoutes(kinds, tenants);
  const mid = heapUsed();
  const snap = new RegistrySnapshot(BENCH_ENV, 3, routes, new Date());
  const after = heapUsed();
  consume([routes, snap]);
  consume(null);
  return { routes: mid - before, snapshot: after - mid };
}
