import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Variant } from './malformed-variants';

/** What came back for one variant: an answer, or why there was none. */
export interface SweepResult {
  variant: Variant;
  status: number | null;
  headers: IncomingHttpHeaders;
  json: unknown;
  /** Transport failure (reset, timeout) when there was no answer. */
  failure?: string;
  /** Milliseconds from sending to the end of the answer. */
  ms: number;
}

const TIMEOUT_MS = 20_000;
/** Reused connections: the sweep measures the app, not TCP set-up. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
/** Enough of an error envelope; larger bodies (lists, downloads) are not needed whole. */
const MAX_BODY_BYTES = 256 * 1024;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Sends one variant exactly as built (node:http, no added headers but its length) and reads the
 * answer. Event streams are cut once their headers arrive: they never end on their own.
 */
export function send(baseUrl: URL, variant: Variant): Promise<SweepResult> {
  return new Promise((resolve) => {
    let done = false;
    const started = performance.now();
    const finish = (result: Omit<SweepResult, 'variant' | 'ms'>): void => {
      if (done) return;
      done = true;
      resolve({ variant, ...result, ms: performance.now() - started });
    };
    const req = httpRequest(
      {
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: variant.method,
        path: variant.path,
        // GET and DELETE bodies are not framed by default: say how long the body is.
        headers:
          variant.body === undefined
            ? variant.headers
            : { ...variant.headers, 'Content-Length': String(Buffer.byteLength(variant.body)) },
        agent,
      },
      (res) => {
        const status = res.statusCode ?? null;
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          finish({ status, headers: res.headers, json: undefined });
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY_BYTES) chunks.push(c);
        });
        res.on('error', () => undefined);
        res.on('end', () =>
          finish({
            status,
            headers: res.headers,
            json: parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    req.setTimeout(TIMEOUT_MS, () => {
      finish({ status: null, headers: {}, json: undefined, failure: 'timeout' });
      req.destroy();
    });
    // The server may answer (413, 415, 431) and close before the whole body is written.
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish({ status: null, headers: {}, json: undefined, failure: err.code ?? err.message }),
    );
    req.end(variant.body);
  });
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Closes the kept-alive connections. */
export function closeConnections(): void {
  agent.destroy();
}
