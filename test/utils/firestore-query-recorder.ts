import { relative, sep } from 'node:path';

import { Query, Transaction } from '@google-cloud/firestore';

import { REPO_ROOT } from '../../scripts/firestore-indexes';
import { requestOf, shapeOf, type QueryShape } from './firestore-query-shape';

/** A query the application code ran, and the line of `src/` that ran it. */
export interface RecordedQuery {
  shape: QueryShape;
  at: string;
}

/** What a recorder has seen: the queries, and the ones whose structure could not be read. */
export interface QueryLog {
  queries: RecordedQuery[];
  problems: string[];
}

const APP_SOURCES = `${REPO_ROOT}${sep}src${sep}`;
const WRAPPED = Symbol.for('routing-registry.test.firestoreQueryRecorder');

/**
 * Records every query the code under `src/` runs through this module instance of the client:
 * `Query#get`/`stream`/`onSnapshot`, `AggregateQuery#get` (count, sum, average) and
 * `Transaction#get` of a query. Each call still goes to the server unchanged; queries a test
 * itself runs (no `src/` frame on the stack) are left out.
 */
export function recordAppQueries(): QueryLog {
  const log: QueryLog = { queries: [], problems: [] };
  const record = (query: unknown): void => {
    if (!(query instanceof Query)) return;
    const at = appFrame();
    if (at === null) return;
    try {
      log.queries.push({ shape: shapeOf(requestOf(query)), at });
    } catch (err) {
      log.problems.push(`${at}: ${(err as Error).message}`);
    }
  };
  const proto = Query.prototype as unknown as Record<string, unknown>;
  wrap(proto, 'get', (self) => record(self));
  wrap(proto, 'stream', (self) => record(self));
  wrap(proto, 'onSnapshot', (self) => record(self));
  // AggregateQuery is not exported: its prototype is reached through the first one built.
  let aggregates = false;
  wrap(
    proto,
    'aggregate',
    () => undefined,
    (aggregate) => {
      if (aggregates) return;
      aggregates = true;
      wrap(Object.getPrototypeOf(aggregate) as Record<string, unknown>, 'get', (self) =>
        record((self as { query?: unknown }).query),
      );
    },
  );
  wrap(Transaction.prototype as unknown as Record<string, unknown>, 'get', (_self, target) =>
    record(target instanceof Query ? target : (target as { query?: unknown } | null)?.query),
  );
  return log;
}

/** Replaces `owner[name]` once with a method that calls `before`, the original, then `after`. */
function wrap(
  owner: Record<string, unknown>,
  name: string,
  before: (self: unknown, first: unknown) => void,
  after: (result: unknown) => void = () => undefined,
): void {
  const original = owner[name];
  if (typeof original !== 'function')
    throw new Error(`@google-cloud/firestore has no ${name}() to record queries from`);
  // Each test file loads its own copy of the client, so a second wrap means a second recorder
  // on the same copy, which would see nothing.
  if ((original as { [WRAPPED]?: true })[WRAPPED])
    throw new Error(`${name}() of @google-cloud/firestore is recorded already`);
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    before(this, args[0]);
    const result: unknown = (original as (...a: unknown[]) => unknown).apply(this, args);
    after(result);
    return result;
  };
  owner[name] = Object.assign(wrapped, { [WRAPPED]: true as const });
}

/** `src/...:line` of the nearest application frame calling into the client, or null. */
function appFrame(): string | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?([^\s()]+):(\d+):\d+\)?$/.exec(line);
    const file = m?.[1];
    if (file?.startsWith(APP_SOURCES) && !file.endsWith('.spec.ts'))
      return `${relative(REPO_ROOT, file)}:${m?.[2]}`;
  }
  return null;
}
