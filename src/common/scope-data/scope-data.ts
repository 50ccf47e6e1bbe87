import { createHash } from 'node:crypto';
import type { Env, Scope } from '../scope/scope';

/**
 * One record of a kind at one scope, in the backend-neutral form every adapter of the kind
 * exports and imports: what a move copies from one backend to another.
 *
 * `data` is plain JSON (strings, numbers, booleans, null, arrays, objects; timestamps as
 * ISO strings): the record as the port returns it, with its id, version and timestamps, so
 * an import keeps them. Bytes (an S3 object's body) travel in `body`, never inside `data`.
 */
export interface ScopeRecord {
  /** Which set of the kind the record belongs to (`flags`, `policies`, `messages`, …). */
  collection: string;
  /** Unique within the collection at the scope; kept as it is on import. */
  id: string;
  data: unknown;
  /** Object bytes, for kinds that store objects. */
  body?: Uint8Array;
}

/**
 * What every adapter implements beside its port so a scope can move to another backend
 * (`POST /routing/moves`). The four methods see only the adapter's own backend; the move
 * engine in `src/routing/moves` does the batching, checks and state.
 *
 * - Records of different collections never depend on their order, but records of one
 *   collection are exported in the order an import must write them (a chat stream's
 *   messages oldest first), and {@link importRecords} receives them in that order.
 * - An import writes records as they are (ids, versions, timestamps, ordering keys), never
 *   bumping a version or making a new id; importing the same record twice leaves one copy
 *   (a move that resumes after a crash imports again from the start).
 */
export interface ScopeData {
  /** Every record of the kind stored at exactly `scope` (not its projects, not other scopes). */
  exportScope(scope: Scope): AsyncIterable<ScopeRecord>;
  /** Writes a batch of records at `scope` as they are; idempotent per record. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void>;
  /**
   * The scopes of `tenantId` in `env` that hold at least one record of the kind: the
   * tenant-wide scope when it holds tenant-level records, and each project scope.
   */
  scopesHeld(tenantId: string, env: Env): Promise<Scope[]>;
  /** Removes every record of the kind stored at exactly `scope`. */
  deleteScope(scope: Scope): Promise<void>;
}

const SCOPE_DATA_METHODS = ['exportScope', 'importRecords', 'scopesHeld', 'deleteScope'] as const;

/** Whether an adapter implements {@link ScopeData}. */
export function isScopeData(adapter: unknown): adapter is ScopeData {
  return (
    typeof adapter === 'object' &&
    adapter !== null &&
    SCOPE_DATA_METHODS.every((m) => typeof (adapter as Record<string, unknown>)[m] === 'function')
  );
}

/**
 * JSON with object keys sorted at every depth, so two backends that return the same record
 * with fields in another order give the same text. `undefined` fields are left out, as
 * JSON does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) {
    if (source[key] !== undefined) out[key] = sortKeys(source[key]);
  }
  return out;
}

/** SHA-256 (hex) of a record: its collection, id, canonical data and body bytes. */
export function recordDigest(record: ScopeRecord): string {
  const hash = createHash('sha256');
  hash.update(canonicalJson([record.collection, record.id, record.data ?? null]));
  hash.update('\u0000');
  if (record.body !== undefined) hash.update(record.body);
  return hash.digest('hex');
}

/** `collection/id`: a record's identity within its scope. */
export function recordKey(record: Pick<ScopeRecord, 'collection' | 'id'>): string {
  return `${record.collection}/${record.id}`;
}

/** Every record of an export, in the order exported. */
export async function collectRecords(records: AsyncIterable<ScopeRecord>): Promise<ScopeRecord[]> {
  const out: ScopeRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

/** Records sorted by collection, then id: the order two exports are compared in. */
export function sortRecords(records: readonly ScopeRecord[]): ScopeRecord[] {
  return [...records].sort((a, b) => {
    const ka = recordKey(a);
    const kb = recordKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Yields the records of a list one by one (for adapters that hold them in memory). */
// eslint-disable-next-line @typescript-eslint/require-await
export async function* yieldAll(records: Iterable<ScopeRecord>): AsyncIterable<ScopeRecord> {
  yield* records;
}
