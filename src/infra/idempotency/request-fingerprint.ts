import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Scope } from '../../common/scope/scope';

/**
 * Hash of what makes two requests "the same request" for an Idempotency-Key: method, path
 * with query, env and project, and the body. JSON bodies are hashed in a canonical form (keys
 * sorted), so key order and whitespace do not matter. A streamed body (multipart upload) is
 * not read here: its media type and length stand for it.
 */
export function requestFingerprint(req: Request, scope: Scope): string {
  const parsed = req.body !== undefined && !isStreamed(req);
  const body = parsed
    ? canonicalJson(req.body)
    : JSON.stringify([mediaType(req), req.headers['content-length'] ?? null]);
  return createHash('sha256')
    .update(JSON.stringify([req.method, req.originalUrl, scope.env, scope.projectId, body]))
    .digest('hex');
}

function mediaType(req: Request): string | null {
  return req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? null;
}

function isStreamed(req: Request): boolean {
  return mediaType(req)?.startsWith('multipart/') ?? false;
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
