import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type S3ServerHandle } from '../../tools/local-servers/s3-server';
import { TEST_S3_CREDENTIAL_ENV } from '../utils/routes';

export const FAULT_BUCKET = 'fault-bucket';

/**
 * An s3rver of the test's own (not the shared one of the global setup), which the test may
 * kill, freeze and restart on the same port and data directory.
 */
export class S3FaultServer {
  private current: S3ServerHandle | null = null;
  private frozen = false;
  readonly client: S3Client;

  private constructor(
    readonly dir: string,
    readonly port: number,
    first: S3ServerHandle,
  ) {
    this.current = first;
    this.client = new S3Client({
      endpoint: first.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  static async start(): Promise<S3FaultServer> {
    const dir = await mkdtemp(join(tmpdir(), 's3rver-faults-'));
    const first = await startS3Server({ dir, buckets: [FAULT_BUCKET] });
    return new S3FaultServer(dir, first.port, first);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The config of an S3 route on this server. */
  routeConfig(): Record<string, unknown> {
    return {
      bucket: FAULT_BUCKET,
      region: 'us-east-1',
      endpoint: this.endpoint,
      force_path_style: true,
      ...TEST_S3_CREDENTIAL_ENV,
    };
  }

  async kill(): Promise<void> {
    await this.current?.kill();
    this.current = null;
  }

  /** Starts the server again on the same port and data directory. */
  async restart(): Promise<void> {
    if (this.current !== null) await this.kill();
    this.current = await startS3Server({ dir: this.dir, port: this.port, buckets: [FAULT_BUCKET] });
  }

  freeze(): void {
    this.current?.signal('SIGSTOP');
    this.frozen = true;
  }

  thaw(): void {
    this.current?.signal('SIGCONT');
    this.frozen = false;
  }

  /** Thawed and running, whatever a test left behind. */
  async ensureUp(): Promise<void> {
    if (this.frozen) this.thaw();
    if (this.current === null) await this.restart();
  }

  async stop(): Promise<void> {
    if (this.frozen) this.thaw();
    this.client.destroy();
    await this.current?.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Keys of the objects under `prefix`. */
  async keys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: FAULT_BUCKET,
          Prefix: prefix,
          ContinuationToken: token,
        }),
      );
      keys.push(...(page.Contents ?? []).map((o) => o.Key as string));
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys;
  }

  /** Incomplete multipart uploads s3rver keeps on disk: how many, and their bytes. */
  async incompleteUploads(): Promise<{ uploads: number; parts: number; bytes: number }> {
    const root = join(this.dir, FAULT_BUCKET, '._S3rver_uploads');
    const uploads = await readdir(root).catch(() => [] as string[]);
    let parts = 0;
    let bytes = 0;
    for (const id of uploads) {
      for (const name of await readdir(join(root, id))) {
        if (!/^\d+$/.test(name)) continue;
        parts += 1;
        bytes += (await stat(join(root, id, name))).size;
      }
    }
    return { uploads: uploads.length, parts, bytes };
  }
}

/** The media objects of a scope, by role, and the assets whose bytes or metadata are missing. */
export interface MediaInventory {
  contents: number;
  records: number;
  markers: number;
  /** Ids with bytes and no metadata, or metadata and no bytes. */
  orphans: string[];
}

/** Sorts the keys under a scope's `media/` prefix into {@link MediaInventory}. */
export function mediaInventory(keys: string[], mediaPrefix: string): MediaInventory {
  const contents = new Set<string>();
  const records = new Set<string>();
  let markers = 0;
  for (const key of keys) {
    const rest = key.slice(mediaPrefix.length);
    if (rest.startsWith('_pending/')) markers += 1;
    else if (rest.startsWith('_index/')) continue;
    else if (rest.endsWith('.json') && !rest.includes('/')) records.add(rest.slice(0, -5));
    else contents.add(rest.slice(0, rest.indexOf('/')));
  }
  const orphans = [
    ...[...contents].filter((id) => !records.has(id)),
    ...[...records].filter((id) => !contents.has(id)),
  ];
  return { contents: contents.size, records: records.size, markers, orphans };
}

/**
 * GETs `url` and reads it to the end or to its failure; `onFirstByte` runs once the first
 * bytes arrived. Resolves the bytes received, whether the body completed, and when it ended.
 */
export function download(
  url: string,
  headers: Record<string, string>,
  onFirstByte: () => void,
): Promise<{ status: number; bytes: number; complete: boolean; endedAt: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) onFirstByte();
        bytes += chunk.length;
      });
      res.on('error', () => undefined);
      res.on('close', () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          complete: res.complete,
          endedAt: Date.now(),
        }),
      );
    }).on('error', reject);
  });
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 20_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
