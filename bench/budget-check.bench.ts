import { Firestore } from '@google-cloud/firestore';
import { Agent } from 'node:http';
import { firestoreDriver } from '../src/backends/firestore/firestore.driver';
import { Scope } from '../src/common/scope/scope';
import { FirestoreBudgetRepository } from '../src/features/budget/adapters/firestore-budget.repository';
import { sumDecimals } from '../src/features/budget/budget-money';
import { startFirestoreEmulator } from '../tools/local-servers/firestore-emulator';
import { BENCH_GCP_PROJECT, bootApp } from './app';
import { benchCall, seedBudgetUsage } from './budget-seed';
import { toSample, type Sample } from './harness';
import { formatNumber, formatRatio, sampleRow, type Row } from './table';

const TITLE = '5. Budget check at scale';
const TENANTS = {
  small: { id: 't_small', events: 10 },
  middle: { id: 't_middle', events: 10_000 },
  large: { id: 't_large', events: 100_000 },
};
type Size = keyof typeof TENANTS;
const SIZES: Size[] = ['small', 'middle', 'large'];
const REQUESTS = 300;
const WARMUP = 40;
const BLOCK = 20;

/**
 * `GET /budget/check` on a Firestore budget route (in-process emulator) for tenants with 10,
 * 10,000 and 100,000 usage events spread over 29 days (seeded through the adapter in
 * parallel 500-event batches), requests alternating in blocks; then the large tenant's
 * `spent` against a full recount of its ledger.
 */
export async function benchBudgetCheck(step: (name: string) => void): Promise<Row[]> {
  const emulator = await startFirestoreEmulator();
  const db = new Firestore({ projectId: BENCH_GCP_PROJECT, host: emulator.host, ssl: false });
  const app = await bootApp({
    featureFlags: 'memory',
    budget: 'firestore',
    firestoreHost: emulator.host,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const handle = { client: db, close: () => db.terminate() };
    const repo = new FirestoreBudgetRepository(
      firestoreDriver.handle(handle, { collection_prefix: 'bench' }),
    );
    const started = Date.now();
    for (const t of Object.values(TENANTS)) await seedBudgetUsage(repo, t.id, t.events);
    const seedSeconds = (Date.now() - started) / 1000;
    step(`5. seeded ${TENANTS.large.events} usage events in ${seedSeconds.toFixed(0)} s`);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const policy = { threshold: '1000000', window_days: 30, currency: 'USD' };
    for (const t of Object.values(TENANTS)) {
      const put = await benchCall(`${url}/budget/policies`, agent, t.id, 'PUT', policy);
      if (put.status !== 200) throw new Error(`PUT /budget/policies answered ${put.status}`);
    }
    const latencies: Record<Size, number[]> = { small: [], middle: [], large: [] };
    const cold = {} as Record<Size, number>;
    for (const size of SIZES) {
      const start = process.hrtime.bigint();
      await benchCall(`${url}/budget/check?cost=1`, agent, TENANTS[size].id, 'GET');
      cold[size] = Number(process.hrtime.bigint() - start);
    }
    let last: Record<string, unknown> = {};
    for (let done = 0; done < WARMUP + REQUESTS; done += BLOCK) {
      const order = SIZES.map((_, k) => SIZES[(k + done / BLOCK) % SIZES.length] as Size);
      for (const name of order) {
        for (let i = 0; i < BLOCK; i++) {
          const start = process.hrtime.bigint();
          const res = await benchCall(`${url}/budget/check?cost=1`, agent, TENANTS[name].id, 'GET');
          if (res.status !== 200) throw new Error(`GET /budget/check answered ${res.status}`);
          if (done >= WARMUP) latencies[name].push(Number(process.hrtime.bigint() - start));
          if (name === 'large') last = res.body;
        }
      }
    }
    const recount = await recountSpent(repo, TENANTS.large.id, String(last.since));
    const samples = SIZES.map((size) => toSample(latencies[size])) as [Sample, Sample, Sample];
    return rows(samples, { spent: String(last.spent), recount, seedSeconds, cold });
  } finally {
    agent.destroy();
    await app.close();
    await db.terminate();
    await emulator.stop();
  }
}

/** The exact sum of every event's cost since `since`, read from the ledger itself. */
async function recountSpent(
  repo: FirestoreBudgetRepository,
  tenant: string,
  since: string,
): Promise<string> {
  const events = await repo.listUsage(
    Scope.of(tenant, 'test', 'p_web'),
    { since },
    { limit: 1_000_000 },
  );
  return `${sumDecimals(events.map((e) => e.cost))} (${events.length.toLocaleString('en-US')} events)`;
}

function rows(
  [small, middle, large]: [Sample, Sample, Sample],
  figures: { spent: string; recount: string; seedSeconds: number; cold: Record<Size, number> },
): Row[] {
  const coldMs = (size: Size): string =>
    `first check (closed buckets not yet cached) ${(figures.cold[size] / 1e6).toFixed(1)} ms`;
  const ms = (s: Sample): string => `≈ ${(s.medianNs / 1e6).toFixed(1)} ms median`;
  const equal = figures.recount.startsWith(`${figures.spent} (`) ? 'equals' : 'DIFFERS FROM';
  const name = (size: Size): string =>
    `GET /budget/check, ${TENANTS[size].events.toLocaleString('en-US')} events`;
  return [
    sampleRow(
      TITLE,
      `${name('small')} (baseline)`,
      small,
      '1.00×',
      `${ms(small)}; ${small.rounds.length} sequential requests each; ${coldMs('small')}`,
    ),
    sampleRow(
      TITLE,
      name('middle'),
      middle,
      formatRatio(middle.medianNs / small.medianNs, '10 events'),
      `${ms(middle)}; ${coldMs('middle')}`,
    ),
    sampleRow(
      TITLE,
      name('large'),
      large,
      `${formatRatio(large.medianNs / small.medianNs, '10 events')}, ${formatRatio(large.medianNs / middle.medianNs, '10,000')}`,
      `${ms(large)}; ${coldMs('large')}; spent ${figures.spent} ${equal} a full recount ${figures.recount}; all seeded in ${formatNumber(figures.seedSeconds)} s`,
    ),
  ];
}
