import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchHeaders } from './app';
import { median, pairedRatio, toSample, type Sample } from './harness';
import { formatNumber, formatRatio, sampleRow, type Row } from './table';
import { VARIANTS, type Variant } from './throughput-server';

const TITLE = '9. HTTP throughput';
const CONNECTIONS = 32;
const ROUNDS = 5;
const SECONDS = 3;
const WARMUP_SECONDS = 2;
const PATH = '/feature-flags';

const LABELS: Record<Variant, string> = {
  'bare-express': 'bare NestJS 11, Express: one JSON GET route',
  'app-routed': 'this app, GET /feature-flags, memory route (routed proxy)',
  'app-direct': 'this app, GET /feature-flags, repository injected directly (no proxy)',
  'bare-fastify': 'bare NestJS 11, Fastify: one JSON GET route',
  'node-http': 'plain node:http: one JSON route',
};

interface Child {
  variant: Variant;
  process: ChildProcess;
  url: string;
  /** ns of wall time per request, per round. */
  rounds: number[];
  /** Server CPU µs per request, per round. */
  cpu: number[];
}

/** The next IPC message of `child` that has `key`. */
function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (message !== null && typeof message === 'object' && key in message) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve((message as Record<string, T>)[key] as T);
      }
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`throughput server exited (code ${code}) before answering "${key}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function startChild(variant: Variant): Promise<Child> {
  const child = fork(join(__dirname, 'throughput-server.ts'), [variant], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    // Access logs (info) go to /dev/null: what they cost to build and write is measured,
    // not a terminal's speed. Errors stay visible.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await nextMessage<number>(child, 'port');
  return { variant, process: child, url: `http://127.0.0.1:${port}`, rounds: [], cpu: [] };
}

async function cpuMicros(child: Child): Promise<number> {
  const pending = nextMessage<NodeJS.CpuUsage>(child.process, 'cpu');
  child.process.send('cpu');
  const usage = await pending;
  return usage.user + usage.system;
}

function load(
  url: string,
  seconds: number,
  headers: Record<string, string>,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${url}${PATH}`, connections: CONNECTIONS, duration: seconds, headers },
      (err: Error | null, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function round(child: Child, seconds: number, record: boolean): Promise<void> {
  const headers = child.variant.startsWith('app-') ? benchHeaders() : {};
  const cpuBefore = await cpuMicros(child);
  const result = await load(child.url, seconds, headers);
  const cpuAfter = await cpuMicros(child);
  const ok = result['2xx'];
  if (result.non2xx > 0 || result.errors > 0 || ok === 0) {
    throw new Error(
      `${child.variant}: ${result.non2xx} non-2xx answers and ${result.errors} errors out of ` +
        `${result.requests.total} requests to GET ${PATH}; run the variant alone to see why`,
    );
  }
  if (!record) return;
  const perSecond = ok / (result.duration || seconds);
  child.rounds.push(1e9 / perSecond);
  child.cpu.push((cpuAfter - cpuBefore) / ok);
}

/**
 * Throughput of GET /feature-flags at -c 32 (autocannon in this process), each variant a
 * child process on 127.0.0.1, rounds interleaved (the order rotates) so that a noisy
 * neighbour slows every variant alike. Ratios are medians of per-round ratios.
 */
export async function benchThroughput(step: (name: string) => void): Promise<Row[]> {
  const children: Child[] = [];
  try {
    children.push(...(await Promise.all(VARIANTS.map(startChild))));
    step(`9. warm-up (${WARMUP_SECONDS} s each)`);
    for (const child of children) await round(child, WARMUP_SECONDS, false);
    for (let r = 0; r < ROUNDS; r++) {
      step(`9. round ${r + 1} of ${ROUNDS} (${SECONDS} s each)`);
      const k = r % children.length;
      for (const child of [...children.slice(k), ...children.slice(0, k)]) {
        await round(child, SECONDS, true);
      }
    }
  } finally {
    for (const child of children) child.process.send('stop');
  }
  const by = Object.fromEntries(children.map((c) => [c.variant, c])) as Record<Variant, Child>;
  const sample = (v: Variant): Sample => toSample(by[v].rounds);
  /** Throughput of `a` over `b` (per round: b's ns per request over a's). */
  const speed = (a: Variant, b: Variant): number => pairedRatio(sample(b), sample(a));
  const cpu = (v: Variant): string => `server CPU ${formatNumber(median(by[v].cpu))} µs/request`;
  const row = (v: Variant, ratio: string, note = ''): Row =>
    sampleRow(TITLE, LABELS[v], sample(v), ratio, `${cpu(v)}${note}`);
  return [
    row('bare-express', '1.00×'),
    row('app-routed', formatRatio(speed('app-routed', 'bare-express'), 'bare Express')),
    row(
      'app-direct',
      formatRatio(speed('app-direct', 'bare-express'), 'bare Express'),
      `; routed/direct ${speed('app-routed', 'app-direct').toFixed(2)}×`,
    ),
    row('bare-fastify', formatRatio(speed('bare-fastify', 'bare-express'), 'bare Express')),
    row('node-http', formatRatio(speed('node-http', 'bare-express'), 'bare Express')),
  ];
}
