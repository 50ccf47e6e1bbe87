import './env';
import 'reflect-metadata';
import { createApp } from '../src/create-app';
import { KindCatalog } from '../src/routing/kind-catalog';
import type { RouteInput } from '../src/routing/route.types';
import { RoutingRegistry } from '../src/routing/routing-registry';
import { RegistryStore } from '../src/routing/store/registry-store';
import { BENCH_GCP_PROJECT, BENCH_JWT_SECRET } from './app';
import { median } from './harness';

/** What a boot child reports on its last stdout line (JSON). */
export interface BootReport {
  routes: number;
  /** `createApp` (module graph, seeding, registry load, boot validation) until initialised. */
  bootMs: number;
  /** Peak resident set size of this process once booted (ts-node included). */
  maxRssBytes: number;
  heapUsedBytes: number;
  /** Median ns from `RegistryStore.put` of one route until the registry has applied it. */
  changeNs: number;
  changes: number;
}

const WARMUP_CHANGES = 10;

/**
 * Run by section 7/8 in a child process (so the RSS is the app's alone):
 * `node -r ts-node/register/transpile-only bench/boot-child.ts <seed.json> <changes>`.
 * Boots the real app on the memory registry store seeded from the file (APP_ENV=test), then
 * rewrites one tenant route `<changes>` times and times each write until it is applied.
 */
async function main(): Promise<void> {
  const [file, changesArg = '50', probeTenant = 't_bench00001'] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: boot-child.ts <seed.json> [changes] [tenant]');
  const start = process.hrtime.bigint();
  const app = await createApp({
    environment: {
      APP_ENV: 'test',
      REGISTRY_STORE: 'memory',
      REGISTRY_SEED_FILE: file,
      AUTH_JWT_SECRET: BENCH_JWT_SECRET,
      LOG_LEVEL: 'silent',
      METADATA_SERVER_DETECTION: 'none',
      GCP_PROJECT_ID: BENCH_GCP_PROJECT,
    },
  });
  const bootMs = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const heapUsedBytes = process.memoryUsage().heapUsed;
  const registry = app.get(RoutingRegistry);
  const store = app.get(RegistryStore);
  const routes = registry.snapshot.size;
  const kind = app.get(KindCatalog).list()[0]?.kind ?? '';
  const target = registry.snapshot.find(kind, probeTenant, 'test', 'p_web');
  if (target === undefined) throw new Error(`no ${kind} route at ${probeTenant}/test/p_web`);
  const changes = Number(changesArg);
  const times: number[] = [];
  for (let i = 0; i < WARMUP_CHANGES + changes; i++) {
    const input: RouteInput = {
      resource_kind: target.resource_kind,
      tenant_id: target.tenant_id,
      env: target.env,
      project_id: target.project_id,
      backend_type: target.backend_type,
      config: { ...target.config, collection_prefix: `changed_${i}` },
    };
    const t0 = process.hrtime.bigint();
    await store.put(input, { actor: 'bench' });
    while (registry.snapshot.route(input)?.config.collection_prefix !== `changed_${i}`)
      await new Promise((resolve) => setImmediate(resolve));
    if (i >= WARMUP_CHANGES) times.push(Number(process.hrtime.bigint() - t0));
  }
  await app.close();
  const report: BootReport = {
    routes,
    bootMs,
    maxRssBytes,
    heapUsedBytes,
    changeNs: median(times),
    changes,
  };
  console.log(JSON.stringify(report));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
