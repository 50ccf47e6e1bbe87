import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createFirestoreClient } from '../src/backends/firestore/firestore.driver';
import type { MountedKind } from '../src/routing/kind-catalog';
import type { RouteInput } from '../src/routing/route.types';
import { FirestoreRegistryStore } from '../src/routing/store/firestore-registry.store';
import { MemoryRegistryStore } from '../src/routing/store/memory-registry.store';
import type { RegistryStore } from '../src/routing/store/registry-store';
import { startFirestoreEmulator } from '../tools/local-servers/firestore-emulator';
import type { BootReport } from './boot-child';
import { median } from './harness';
import { routeCount, syntheticRoutes } from './routes';
import { formatBytes, formatNumber, type Row } from './table';

const run = promisify(execFile);
const BOOT = '7. Boot with seeded routes (memory store)';
const CHANGE = '8. Single-route change, store to applied';
const SEED = '7. Seeding through the registry store';
/** Child processes per size (alternating sizes); the table gives medians. */
const BOOT_ROUNDS = 2;
const CHANGES = 50;
/** Routes seeded through each store for the seeding rows (Firestore: in-process emulator). */
const SEED_SIZES = [2_000, 10_000];

/** A seed file size: a label and how many tenants its synthetic routes cover. */
export interface BootSize {
  label: string;
  tenants: number;
}

/**
 * A seed file of the synthetic routes in the `test` env (the boot child's APP_ENV): tenant
 * routes on durable backends as in sections 1 and 3, `t_system` on memory (nothing is
 * contacted at boot).
 */
function seedInputs(kinds: MountedKind[], tenants: number): RouteInput[] {
  return syntheticRoutes(kinds, tenants, 'test').map((r) => ({
    resource_kind: r.resource_kind,
    tenant_id: r.tenant_id,
    env: r.env,
    project_id: r.project_id,
    ...(r.tenant_id === 't_system'
      ? { backend_type: 'memory' as const, config: {} }
      : { backend_type: r.backend_type, config: r.config }),
    rationale: r.rationale,
  }));
}

/** A child's report plus the wall time of the whole child process (ts-node start included). */
type ChildReport = BootReport & { wallMs: number };

/** Runs a TypeScript entry point in a child process; resolves to its stdout and wall ms. */
async function child(args: string[]): Promise<{ stdout: string; wallMs: number }> {
  const start = process.hrtime.bigint();
  const { stdout } = await run(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', ...args],
    { cwd: join(__dirname, '..'), maxBuffer: 16 * 1024 * 1024, env: { ...process.env } },
  );
  return { stdout, wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

async function bootChild(file: string): Promise<ChildReport> {
  const { stdout, wallMs } = await child([join(__dirname, 'boot-child.ts'), file, String(CHANGES)]);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(last) as BootReport), wallMs };
}

/**
 * The peer of a boot: `npm run registry -- validate` of the same file (read, parse, policy
 * check of every route; no store, no registry), as a whole child process; wall ms.
 */
async function validateChild(file: string): Promise<number> {
  const cli = join(__dirname, '..', 'src', 'cli', 'registry.cli.ts');
  return (await child([cli, 'validate', '--file', file, '--env', 'test'])).wallMs;
}

/**
 * Sections 7 and 8: the real app booted in a child process per size (so peak RSS is the
 * app's), seeded from a file of synthetic routes through the memory store, then 50
 * single-route changes timed from `RegistryStore.put` to applied; plus seeding the same kind
 * of routes through the Firestore store (in-process emulator) next to the memory store.
 */
export async function benchBoot(
  kinds: MountedKind[],
  sizes: BootSize[],
  sections: { boot: boolean; change: boolean },
  step: (name: string) => void,
): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'routing-bench-seed-'));
  const reports: Record<string, ChildReport[]> = {};
  const validations: Record<string, number[]> = {};
  try {
    const files: Record<string, string> = {};
    for (const { label, tenants } of sizes) {
      files[label] = join(dir, `${label}.json`);
      writeFileSync(files[label], JSON.stringify({ routes: seedInputs(kinds, tenants) }));
      reports[label] = [];
      validations[label] = [];
    }
    for (let round = 0; round < BOOT_ROUNDS; round++)
      for (const { label } of sizes) {
        step(`7/8. boot child ${round + 1}/${BOOT_ROUNDS}, ${label}`);
        reports[label]?.push(await bootChild(files[label] as string));
        if (!sections.boot) continue;
        step(`7. CLI validate child ${round + 1}/${BOOT_ROUNDS}, ${label}`);
        validations[label]?.push(await validateChild(files[label] as string));
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const first = sizes[0] as BootSize;
  const med = (label: string, pick: (r: ChildReport) => number): number =>
    median((reports[label] ?? []).map(pick));
  const rows: Row[] = [];
  for (const { label, tenants } of sizes) {
    const n = routeCount(kinds.length, tenants).toLocaleString('en-US');
    const bootMs = med(label, (r) => r.bootMs);
    const rss = med(label, (r) => r.maxRssBytes);
    const heap = med(label, (r) => r.heapUsedBytes);
    const changeNs = med(label, (r) => r.changeNs);
    const vsFirst = (x: number, y: number): string =>
      label === first.label ? '1.00×' : `${(x / y).toFixed(2)}× ${first.label}`;
    if (sections.boot)
      rows.push({
        measurement: BOOT,
        case: `${label}: createApp to initialised, ${n} routes in the seed file`,
        median: `${formatNumber(bootMs)} ms`,
        opsPerSec: '—',
        spread: '—',
        ratio: vsFirst(
          bootMs,
          med(first.label, (r) => r.bootMs),
        ),
        notes: `peak RSS ${formatBytes(rss)}, heap ${formatBytes(heap)} after boot (child process, ts-node included); median of ${BOOT_ROUNDS} boots: read + parse + policy check, putMany batches, registry apply, boot validation`,
      });
    if (sections.boot) {
      const wall = med(label, (r) => r.wallMs);
      const cli = median(validations[label] ?? []);
      rows.push(
        {
          measurement: BOOT,
          case: `${label}: peer: \`registry validate\` of the same file (CLI process)`,
          median: `${formatNumber(cli)} ms`,
          opsPerSec: '—',
          spread: '—',
          ratio: '1.00×',
          notes: `whole process (ts-node start, read, parse, policy check of every route); median of ${BOOT_ROUNDS}, alternating with the boots`,
        },
        {
          measurement: BOOT,
          case: `${label}: boot child process, start to initialised`,
          median: `${formatNumber(wall)} ms`,
          opsPerSec: '—',
          spread: '—',
          ratio: `${(wall / cli).toFixed(2)}× validate`,
          notes:
            'whole process, as the CLI peer: ts-node start + createApp (the row above without the process start)',
        },
      );
    }
    if (sections.change)
      rows.push({
        measurement: CHANGE,
        case: `${label}: RegistryStore.put of one route until the registry applied it, ${n} routes`,
        median: formatNumber(changeNs),
        opsPerSec: formatNumber(1e9 / changeNs),
        spread: '—',
        ratio: vsFirst(
          changeNs,
          med(first.label, (r) => r.changeNs),
        ),
        notes: `median of ${CHANGES} changes per boot, median over ${BOOT_ROUNDS} boots; store → feed → policy → snapshot advance → listeners (AdapterCache, RoutingMetrics)`,
      });
  }
  if (sections.boot) rows.push(...(await benchSeeding(kinds, step)));
  return rows;
}

/**
 * `putMany` in `maxBatch` batches (as the seeder writes) of the same routes into a fresh
 * memory store and a fresh Firestore store on the in-process emulator, per size.
 */
async function benchSeeding(kinds: MountedKind[], step: (name: string) => void): Promise<Row[]> {
  const emulator = await startFirestoreEmulator();
  const rows: Row[] = [];
  try {
    let project = 0;
    const batch: Record<string, number> = {};
    for (const size of SEED_SIZES) {
      const tenants = Math.ceil((size - kinds.length) / (3 * kinds.length));
      const inputs = seedInputs(kinds, tenants).slice(0, size);
      const seed = async (store: RegistryStore): Promise<number> => {
        batch[store.constructor.name] = store.maxBatch;
        const start = process.hrtime.bigint();
        for (let i = 0; i < inputs.length; i += store.maxBatch)
          await store.putMany(inputs.slice(i, i + store.maxBatch), { actor: 'bench' });
        const ns = Number(process.hrtime.bigint() - start);
        if ((await store.version()) !== inputs.length) throw new Error('seeding bench: version');
        await store.close();
        return ns;
      };
      step(`7. seeding ${size} routes: memory store`);
      const memory = await seed(new MemoryRegistryStore());
      step(`7. seeding ${size} routes: Firestore store (emulator)`);
      const db = createFirestoreClient(`bench-seed-${project++}`, '(default)', emulator.host);
      const firestore = await seed(new FirestoreRegistryStore(db));
      const per = (ns: number): string => `${formatNumber(ns / inputs.length / 1000)} µs/route`;
      const n = size.toLocaleString('en-US');
      rows.push(
        {
          measurement: SEED,
          case: `memory store: ${n} routes`,
          median: `${formatNumber(memory / 1e6)} ms`,
          opsPerSec: formatNumber((inputs.length * 1e9) / memory),
          spread: '—',
          ratio: '1.00×',
          notes: `${per(memory)}; one run; batches of ${batch.MemoryRegistryStore}`,
        },
        {
          measurement: SEED,
          case: `Firestore store (emulator): ${n} routes`,
          median: `${formatNumber(firestore / 1e6)} ms`,
          opsPerSec: formatNumber((inputs.length * 1e9) / firestore),
          spread: '—',
          ratio: `${(firestore / memory).toFixed(1)}× memory`,
          notes: `${per(firestore)}; one run; one transaction per ${batch.FirestoreRegistryStore} routes (one revision each); 510,000 routes ≈ ${formatNumber(((firestore / inputs.length) * 510_000) / 1e9)} s at this rate`,
        },
      );
    }
  } finally {
    await emulator.stop();
  }
  return rows;
}
