import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startAppProcess, type AppProcess } from '../utils/app-process';
import { mountedKinds } from '../utils/mounted-kinds';
import { signToken, TEST_JWT_SECRET } from '../utils/tokens';
import { baselineOf, variantsOf, type SweepBase } from './malformed-variants';
import { operationsOf, type OpenApiDocument, type SweepOperation } from './openapi-operations';
import { rssKiB, RssSampler } from './process-rss';
import { closeConnections, pool, send, type SweepResult } from './sweep-client';
import { printSummary } from './sweep-summary';

jest.setTimeout(240_000);

const MIN_VARIANTS = 30;
const CONCURRENCY = 8;
const RSS_SLACK = 1.2;
const RSS_WAIT_MS = Number(process.env.SWEEP_RSS_WAIT_MS ?? 60_000);

const base: SweepBase = {
  auth: {
    Authorization: `Bearer ${signToken({ sub: 'u_sweep', registry_admin: true, tenants: { t_sweep: 'owner' } })}`,
  },
  scope: { 'X-Tenant-Id': 't_sweep', 'X-Env': 'test', 'X-Project-Id': 'p_web' },
};

/** Why a result breaks the contract, or null when it keeps it. */
function problemOf(r: SweepResult): string | null {
  if (r.status === null) return `no answer (${r.failure ?? 'unknown'})`;
  if (r.status >= 500) return `status ${r.status}`;
  if (r.status < 300) return null;
  const error = (r.json as { error?: Record<string, unknown> } | undefined)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string')
    return `status ${r.status} without the envelope`;
  if (typeof error.details !== 'object' || error.details === null)
    return 'envelope without details';
  if (error.request_id !== r.headers['x-request-id'])
    return `request_id ${String(error.request_id)} differs from X-Request-Id ${String(r.headers['x-request-id'])}`;
  return null;
}

describe('malformed-input sweep over every operation of the OpenAPI document', () => {
  let app: AppProcess;
  let dir: string;
  let operations: SweepOperation[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sweep-'));
    const seed = join(dir, 'routes.yaml');
    const routes = (await mountedKinds()).map(({ kind }) => ({
      resource_kind: kind,
      tenant_id: 't_system',
      env: 'test',
      backend_type: 'memory',
    }));
    await writeFile(seed, stringify({ routes }));
    app = await startAppProcess({
      APP_ENV: 'test',
      REGISTRY_STORE: 'memory',
      REGISTRY_SEED_FILE: seed,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'error',
    });
    const doc = (await (await fetch(`${app.url}/docs-json`)).json()) as OpenApiDocument;
    operations = operationsOf(doc);
  });

  afterAll(async () => {
    closeConnections();
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every malformed request below 500 with the envelope, and RSS comes back', async () => {
    const url = new URL(app.url);
    // Warm-up: every operation's plausible request, so lazy paths are loaded before measuring.
    for (let i = 0; i < 2; i++)
      await pool(operations, CONCURRENCY, (op) => send(url, baselineOf(op, base)));
    const startRss = await rssKiB(app.pid);
    const sampler = new RssSampler(app.pid);
    const startedAt = Date.now();
    const results: SweepResult[] = [];
    const perOperation: number[] = [];
    for (const op of operations) {
      const variants = variantsOf(op, base);
      perOperation.push(variants.length);
      results.push(...(await pool(variants, CONCURRENCY, (v) => send(url, v))));
    }
    const sweepMs = Date.now() - startedAt;
    const peakRss = sampler.stop();
    let endRss = await rssKiB(app.pid);
    const until = Date.now() + RSS_WAIT_MS;
    while (endRss > startRss * RSS_SLACK && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 1000));
      endRss = await rssKiB(app.pid);
    }
    const problems = results
      .map((r) => ({ r, problem: problemOf(r) }))
      .filter((p): p is { r: SweepResult; problem: string } => p.problem !== null);
    printSummary({
      operations: operations.length,
      perOperation,
      results,
      problems,
      sweepMs,
      rss: {
        start: startRss,
        peak: peakRss,
        end: endRss,
        waitedMs: Date.now() - until + RSS_WAIT_MS,
      },
    });
    expect(operations.length).toBeGreaterThan(100);
    expect(Math.min(...perOperation)).toBeGreaterThanOrEqual(MIN_VARIANTS);
    expect(
      problems
        .map(
          (p) =>
            `${p.r.variant.method} ${p.r.variant.path.slice(0, 80)} [${p.r.variant.name}]: ${p.problem}`,
        )
        .slice(0, 30),
    ).toEqual([]);
    expect(endRss).toBeLessThanOrEqual(startRss * RSS_SLACK);
    // Prototype keys were data, not assignments: nothing the app answers carries them.
    const flags = operations.find((o) => o.template === '/feature-flags' && o.method === 'GET');
    const after = await send(url, baselineOf(flags!, base));
    expect(after.status).toBe(200);
    expect(JSON.stringify(after.json)).not.toContain('polluted');
    expect(app.output()).not.toContain('Unhandled error');
  });
});
