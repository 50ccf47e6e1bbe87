import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { parseIdempotencyKey } from '../../common/errors/idempotency.errors';
import type { IdempotentWrite } from '../store/registry-store';

/** Registry writes accept `Idempotency-Key`: a retry with the same key answers the first outcome. */
export const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Makes a retry safe: the same key with the same request answers the first outcome; with another request, 422.',
};

/** JSON with object keys sorted, so the same body always has the same fingerprint. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The `Idempotency-Key` of a registry write and the fingerprint of its request (method, path,
 * body): a retry must match both to get the first outcome. Undefined without the header.
 */
export function idempotentWrite(req: Request): IdempotentWrite | undefined {
  const key = parseIdempotencyKey(req.headers['idempotency-key']);
  if (key === undefined) return undefined;
  const path = req.originalUrl.split('?')[0] ?? '';
  const fingerprint = createHash('sha256')
    .update(stableJson([req.method, path, req.body ?? null]))
    .digest('hex');
  return { key, fingerprint };
}
