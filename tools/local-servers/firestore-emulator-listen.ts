import { createRequire } from 'node:module';

import { FirestoreState, TimestampFromNow } from '@firestore-emulator/server';

/** The emulator's document, as far as this patch reads it. */
interface EmulatorDocument {
  metadata: { hasExist: boolean };
  getPath(): string;
  toV1DocumentObject(): unknown;
}

/** The fields of a `ListenRequest` with an `add_target` read here. */
interface ListenRequest {
  has_add_target?: boolean;
  add_target: {
    target_id: number;
    has_query?: boolean;
    query: {
      parent: string;
      structured_query: {
        from: { collection_id: string; all_descendants?: boolean }[];
        has_limit?: boolean;
      };
    };
  };
}

type Respond = (response: unknown) => void;
type OnEnd = (cleanup: () => void) => void;

interface EmulatorStateProto {
  emitter: {
    on(event: string, handler: (e: { document: EmulatorDocument }) => void): void;
    off(event: string, handler: (e: { document: EmulatorDocument }) => void): void;
  };
  v1Listen: (
    this: EmulatorStateProto,
    listen: ListenRequest,
    respond: Respond,
    onEnd: OnEnd,
  ) => void;
  v1Query: (
    this: unknown,
    parent: string,
    query: ListenRequest['add_target']['query']['structured_query'],
  ) => EmulatorDocument[];
}

/** `ListenResponse` builders, from the package's own protobuf classes. */
interface ListenResponseClass {
  fromObject(object: unknown): unknown;
}

/** Target change types of the Listen protocol. */
const NO_CHANGE = 0;
const ADD = 1;
const CURRENT = 3;

const EVENTS = ['create-document', 'update-document', 'delete-document'] as const;

let applied = false;

/**
 * Makes the emulator's query listeners incremental, as Firestore's are. The package answers
 * every document write anywhere in the emulator by running each listener's whole query
 * again, comparing the old and new result paths with `Array.includes` (O(n²) in the size of
 * the result) and re-sending every document after a RESET: a listener on a collection of
 * 20,000 documents costs seconds per write, and 500,000 are out of reach. Patched, a query
 * listener (without `limit`; those keep the package's behaviour) sends, once per commit,
 * only the documents of its collection that the commit changed: a `document_change` for a
 * document that matches the query's filters now, a `document_remove` for one that matched
 * and no longer does (or was deleted), then a global `NO_CHANGE` that makes the client raise
 * a snapshot. Each changed document is tested against the query's filters alone (the
 * package's own filter code, run on a one-document collection). Idempotent.
 */
export function makeEmulatorListenersIncremental(): void {
  if (applied) return;
  applied = true;
  const proto = FirestoreState.prototype as unknown as EmulatorStateProto;
  const original = proto.v1Listen;
  const responses = ListenResponseOf();
  proto.v1Listen = function (this: EmulatorStateProto, listen, respond, onEnd): void {
    const target = listen.has_add_target === true ? listen.add_target : null;
    const query = target?.query.structured_query;
    if (
      target === null ||
      target.has_query !== true ||
      query === undefined ||
      query.has_limit === true ||
      query.from.length !== 1 ||
      query.from[0]?.all_descendants === true
    ) {
      original.call(this, listen, respond, onEnd);
      return;
    }
    const parent = target.query.parent;
    const collection = `${parent}/${query.from[0]?.collection_id ?? ''}`;
    const ids = [target.target_id];
    const send = (object: unknown): void => respond(responses.fromObject(object));
    const now = (): unknown => (TimestampFromNow() as { toObject(): unknown }).toObject();
    const global = (): void =>
      send({ target_change: { read_time: now(), target_change_type: NO_CHANGE, target_ids: [] } });

    send({ target_change: { target_change_type: ADD, target_ids: ids } });
    const matching = new Set<string>();
    for (const doc of this.v1Query(parent, query)) {
      matching.add(doc.getPath());
      send({ document_change: { document: doc.toV1DocumentObject(), target_ids: ids } });
    }
    send({ target_change: { read_time: now(), target_change_type: CURRENT, target_ids: ids } });
    global();

    const v1Query = this.v1Query;
    const matches = (doc: EmulatorDocument): boolean =>
      doc.metadata.hasExist &&
      v1Query.call({ getCollection: () => ({ getAllDocuments: () => [doc] }) }, parent, query)
        .length === 1;
    let pending: Map<string, EmulatorDocument> | null = null;
    const flush = (): void => {
      const changed = pending ?? new Map<string, EmulatorDocument>();
      pending = null;
      let sent = false;
      for (const [path, doc] of changed) {
        if (matches(doc)) {
          matching.add(path);
          send({ document_change: { document: doc.toV1DocumentObject(), target_ids: ids } });
          sent = true;
        } else if (matching.delete(path)) {
          send({ document_remove: { document: path, removed_target_ids: ids, read_time: now() } });
          sent = true;
        }
      }
      if (sent) global();
    };
    const onWrite = ({ document }: { document: EmulatorDocument }): void => {
      const path = document.getPath();
      if (path.slice(0, path.lastIndexOf('/')) !== collection) return;
      if (pending === null) {
        pending = new Map();
        // The writes of one commit arrive together: one snapshot for all of them.
        setImmediate(flush);
      }
      pending.set(path, document);
    };
    for (const event of EVENTS) {
      this.emitter.on(event, onWrite);
      onEnd(() => this.emitter.off(event, onWrite));
    }
  };
}

/** The package's `ListenResponse` class (the one its own listener answers with). */
function ListenResponseOf(): ListenResponseClass {
  const proto = createRequire(require.resolve('@firestore-emulator/server'))(
    '@firestore-emulator/proto/dist/google/firestore/v1/firestore',
  ) as { ListenResponse: ListenResponseClass };
  return proto.ListenResponse;
}
