import type { INestApplication } from '@nestjs/common';
import { Agent } from 'node:http';
import { startFirestoreEmulator } from '../tools/local-servers/firestore-emulator';
import { benchHeaders, bootApp } from './app';
import { quantile, toSample, type Sample } from './harness';
import { httpCall } from './http-client';
import { formatNumber, formatRatio, sampleRow, type Row } from './table';

const TITLE = '4. HTTP end to end';
const REQUESTS = 2000;
const WARMUP = 200;
const BLOCK = 100;
/** Stops early (fewer requests, said in the notes) so the whole bench stays near a minute. */
const BUDGET_MS = 25_000;

interface Target {
  name: string;
  url: string;
  agent: Agent;
  /** Signed once: the token is not part of what is measured. */
  headers: Record<string, string>;
  latencies: number[];
}

/** One request on the target's keep-alive socket; resolves with the status once the body is read. */
async function call(t: Target, method: string, path: string, body?: unknown): Promise<number> {
  return (await httpCall(t.agent, `${t.url}${path}`, { method, headers: t.headers, body })).status;
}

async function timedGet(t: Target, record: boolean): Promise<void> {
  const start = process.hrtime.bigint();
  const status = await call(t, 'GET', '/feature-flags');
  const ns = Number(process.hrtime.bigint() - start);
  if (status !== 200) throw new Error(`${t.name}: GET /feature-flags answered ${status}`);
  if (record) t.latencies.push(ns);
}

async function listen(name: string, app: INestApplication): Promise<Target> {
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    name,
    url,
    agent: new Agent({ keepAlive: true, maxSockets: 1 }),
    headers: benchHeaders(),
    latencies: [],
  };
}

/**
 * Sequential GET /feature-flags over loopback keep-alive HTTP against two apps booted side
 * by side: feature_flags on a memory route and on a Firestore route (in-process emulator).
 * Requests alternate in blocks of {@link BLOCK} so both see the same machine load.
 */
export async function benchHttp(): Promise<Row[]> {
  const emulator = await startFirestoreEmulator();
  const apps: INestApplication[] = [];
  try {
    apps.push(await bootApp({ featureFlags: 'memory' }));
    apps.push(await bootApp({ featureFlags: 'firestore', firestoreHost: emulator.host }));
    const targets = [await listen('memory', apps[0]!), await listen('firestore', apps[1]!)];
    for (const t of targets) {
      const status = await call(t, 'PUT', '/feature-flags', { ws_enabled: true });
      if (status !== 200) throw new Error(`${t.name}: PUT /feature-flags answered ${status}`);
    }
    const deadline = Date.now() + BUDGET_MS;
    for (let done = 0; done < WARMUP + REQUESTS && Date.now() < deadline; done += BLOCK) {
      const order = (done / BLOCK) % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) {
        for (let i = 0; i < BLOCK; i++) await timedGet(t, done >= WARMUP);
      }
    }
    for (const t of targets) t.agent.destroy();
    const [memory, firestore] = targets.map((t) => toSample(t.latencies)) as [Sample, Sample];
    const p99 = (s: Sample): string => `p99 ${formatNumber(quantile(s.rounds, 0.99) / 1000)} µs`;
    const us = (s: Sample): string => `≈ ${(s.medianNs / 1000).toFixed(0)} µs median`;
    return [
      sampleRow(
        TITLE,
        'GET /feature-flags, memory route (baseline)',
        memory,
        '1.00×',
        `${us(memory)}, ${p99(memory)}; ${memory.rounds.length} sequential keep-alive requests`,
      ),
      sampleRow(
        TITLE,
        'GET /feature-flags, Firestore route',
        firestore,
        formatRatio(firestore.medianNs / memory.medianNs, 'memory'),
        `${us(firestore)}, ${p99(firestore)}; 3 document reads on an emulator in this process`,
      ),
    ];
  } finally {
    for (const app of apps) await app.close();
    await emulator.stop();
  }
}
