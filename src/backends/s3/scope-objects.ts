import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { PROJECT_ID_FORMAT, Scope, type Env } from '../../common/scope/scope';
import { TENANT_WIDE } from '../scope-path';
import { idleBounded } from './s3-idle-stream';
import type { S3Handle } from './s3.driver';

/** Keys per DeleteObjects request (S3 takes at most 1000). */
const DELETE_BATCH = 1000;
/**
 * The slowest transfer rate a whole-object request is allowed (1 MiB/s): a PUT's response
 * headers only come once its body is sent, so the client's request timeout (meant for small
 * requests) is stretched by the time the body takes at this rate.
 */
const MIN_BYTES_PER_MS = 1024 * 1024 * 0.001;

/** A key of a listing and what S3 listed with it. */
export interface ListedObject {
  key: string;
  lastModified: Date | undefined;
}

/**
 * Every object under `prefix`, in key order, a ListObjectsV2 page at a time (continuation
 * tokens), so a large scope is never listed whole in memory. With `delimiter`, only the
 * objects directly under the prefix (S3 folds deeper keys into common prefixes, not returned).
 */
export async function* objectsUnder(
  s3: Pick<S3Handle, 'bucket'>,
  client: S3Client,
  prefix: string,
  delimiter?: string,
): AsyncIterable<ListedObject> {
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: s3.bucket,
        Prefix: prefix,
        Delimiter: delimiter,
        ContinuationToken: token,
      }),
    );
    for (const o of page.Contents ?? [])
      if (o.Key !== undefined) yield { key: o.Key, lastModified: o.LastModified };
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}

/** Deletes every object under `prefix`, in DeleteObjects batches; fails if S3 refused any. */
export async function deleteObjectsUnder(
  s3: Pick<S3Handle, 'bucket'>,
  client: S3Client,
  prefix: string,
): Promise<void> {
  let keys: string[] = [];
  const flush = async (): Promise<void> => {
    if (keys.length === 0) return;
    const res = await client.send(
      new DeleteObjectsCommand({
        Bucket: s3.bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    const failed = res.Errors ?? [];
    if (failed.length > 0)
      throw new Error(
        `S3 did not delete ${failed.length} object(s) under ${prefix} (first: ${failed[0]?.Key} ${failed[0]?.Code})`,
      );
    keys = [];
  };
  for await (const o of objectsUnder(s3, client, prefix)) {
    keys.push(o.key);
    if (keys.length >= DELETE_BATCH) await flush();
  }
  await flush();
}

/**
 * The scopes of a tenant in an env that hold an object under `{scope key}/{part}/`. Lists
 * the scope folders of the tenant's env with a Delimiter (one entry per project and one for
 * the tenant-wide `-`, never their objects), then looks for one object of the kind in each.
 */
export async function scopesHeldOn(
  s3: S3Handle,
  client: S3Client,
  tenantId: string,
  env: Env,
  part: string,
): Promise<Scope[]> {
  const tenantWide = s3.key(Scope.of(tenantId, env, null));
  const envPrefix = tenantWide.slice(0, tenantWide.length - TENANT_WIDE.length);
  const held: Scope[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: s3.bucket,
        Prefix: envPrefix,
        Delimiter: '/',
        ContinuationToken: token,
      }),
    );
    for (const folder of page.CommonPrefixes ?? []) {
      const segment = folder.Prefix?.slice(envPrefix.length, -1) ?? '';
      if (segment !== TENANT_WIDE && !PROJECT_ID_FORMAT.test(segment)) continue;
      const scope = Scope.of(tenantId, env, segment === TENANT_WIDE ? null : segment);
      if (await holdsAny(s3, client, `${s3.key(scope, part)}/`)) held.push(scope);
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return held;
}

async function holdsAny(
  s3: Pick<S3Handle, 'bucket'>,
  client: S3Client,
  prefix: string,
): Promise<boolean> {
  const page = await client.send(
    new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, MaxKeys: 1 }),
  );
  return (page.KeyCount ?? page.Contents?.length ?? 0) > 0;
}

/** What {@link readObject} found at a key. */
export interface ObjectBytes {
  body: Uint8Array;
  contentType: string | null;
  /** Without the quotes S3 puts around it. */
  etag: string | null;
}

/**
 * The whole object at `key`, or null when there is none. The body is read under an idle
 * bound of `idleMs` (the request timeout stops covering it once the headers arrived).
 */
export async function readObject(
  s3: Pick<S3Handle, 'bucket'>,
  client: S3Client,
  key: string,
  idleMs: number,
): Promise<ObjectBytes | null> {
  let res;
  try {
    res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey') return null;
    throw err;
  }
  if (!(res.Body instanceof Readable))
    throw new TypeError('S3 GetObject did not return a Node.js stream');
  const chunks: Buffer[] = [];
  for await (const chunk of idleBounded(res.Body, idleMs, `s3 read of ${key}`))
    chunks.push(chunk as Buffer);
  return {
    body: new Uint8Array(Buffer.concat(chunks)),
    contentType: res.ContentType ?? null,
    etag: unquotedEtag(res.ETag),
  };
}

/** An ETag as S3 sends it (`"…"`), without the quotes; null when absent. */
export function unquotedEtag(etag: string | undefined): string | null {
  return etag?.replace(/"/g, '') ?? null;
}

/** The request timeout for a request carrying `bytes`: the usual bound plus the transfer at the slowest rate allowed. */
export function transferTimeoutMs(timeoutMs: number, bytes: number): number {
  return timeoutMs + Math.ceil(bytes / MIN_BYTES_PER_MS);
}
