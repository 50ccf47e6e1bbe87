import { createRequire } from 'node:module';

import type {
  FirestoreServer,
  FirestoreStateCollection,
  FirestoreStateDocument,
} from '@firestore-emulator/server';

/**
 * Documents or ids per page. Real Firestore pages these lists (reported at most 300 a page,
 * whatever `page_size` asks; not documented) and clients follow `next_page_token`. The Node
 * client sends no `page_size`; capping every page here makes a list of more than 300 go
 * through the client's paging, as it does on Firestore.
 */
const MAX_PAGE = 300;

/** grpc status codes used here. */
const INVALID_ARGUMENT = 3;
const UNIMPLEMENTED = 12;

/** The part of grpc-js's server used to replace a method's handler. */
export interface EmulatorHandlerRegistry {
  register(
    path: string,
    handler: (call: { request: unknown }, callback: Answer) => void,
    serialize: (message: unknown) => Buffer,
    deserialize: (bytes: Buffer) => unknown,
    type: 'unary',
  ): boolean;
  unregister(path: string): boolean;
}
type Answer = (error: { code: number; details: string } | null, response?: unknown) => void;

/** The fields of `ListDocumentsRequest` / `ListCollectionIdsRequest` read here. */
interface ListRequest {
  parent: string;
  collection_id: string;
  page_size: number;
  page_token: string;
  order_by: string;
  show_missing: boolean;
  has_mask: boolean;
  mask: { field_paths: string[] };
}
interface MethodDefinition {
  path: string;
  responseSerialize: (message: unknown) => Buffer;
  requestDeserialize: (bytes: Buffer) => unknown;
}
interface FirestoreProto {
  UnimplementedFirestoreService: {
    definition: Record<'ListDocuments' | 'ListCollectionIds', MethodDefinition>;
  };
  ListDocumentsResponse: new (data: { documents: unknown[]; next_page_token: string }) => unknown;
  ListCollectionIdsResponse: new (data: {
    collection_ids: string[];
    next_page_token: string;
  }) => unknown;
}
/** Private maps of the emulator's state nodes (the package has no getter for the names). */
type WithCollections = { collections: Record<string, FirestoreStateCollection> };

/**
 * Serves `ListDocuments` and `ListCollectionIds` on an emulator's gRPC server. The package
 * leaves both unimplemented (they throw "Method<…> not implemented."), while real Firestore has
 * them: `CollectionReference.listDocuments()` (with `show_missing`, the only way to find
 * documents that do not exist but hold subcollections) and `DocumentReference.listCollections()`
 * / `Firestore.listCollections()` use them. Answers like real Firestore for what clients send:
 * ordered by document id, at most {@link MAX_PAGE} per page with a `next_page_token`, missing
 * documents only when they have a document somewhere below them, fields limited to the `mask`
 * (the client sends an empty one). Reads the current data (transaction and read_time are
 * ignored, as the emulator's other reads do). Handlers are per server: apply to every one.
 */
export function serveEmulatorListing(
  server: EmulatorHandlerRegistry,
  state: FirestoreServer['state'],
): void {
  const proto = createRequire(require.resolve('@firestore-emulator/server'))(
    '@firestore-emulator/proto/dist/google/firestore/v1/firestore',
  ) as FirestoreProto;
  const methods = proto.UnimplementedFirestoreService.definition;
  replace(server, methods.ListDocuments, (request) => {
    if (!['', '__name__', '__name__ asc'].includes(request.order_by.trim())) {
      throw new ListingError(UNIMPLEMENTED, `order_by "${request.order_by}" is not supported`);
    }
    const collection = state.getCollection(`${request.parent}/${request.collection_id}`);
    const listed = collection
      .getAllDocuments()
      .filter((doc) => doc.metadata.hasExist || (request.show_missing && doc.hasChild()));
    const page = pageOf(listed, (doc) => doc.name, request);
    return new proto.ListDocumentsResponse({
      documents: page.items.map((doc) => masked(doc, request)),
      next_page_token: page.next,
    });
  });
  replace(server, methods.ListCollectionIds, (request) => {
    const collections = Object.values(holderOf(state, request.parent).collections).filter((c) =>
      c.hasChild(),
    );
    const page = pageOf(collections, (c) => c.name, request);
    return new proto.ListCollectionIdsResponse({
      collection_ids: page.items.map((c) => c.name),
      next_page_token: page.next,
    });
  });
}

class ListingError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function replace(
  server: EmulatorHandlerRegistry,
  method: MethodDefinition,
  answer: (request: ListRequest) => unknown,
): void {
  server.unregister(method.path);
  const handler = (call: { request: unknown }, callback: Answer): void => {
    try {
      callback(null, answer(call.request as ListRequest));
    } catch (err) {
      // The emulator's path parser throws plain errors on a malformed parent.
      const code = err instanceof ListingError ? err.code : INVALID_ARGUMENT;
      callback({ code, details: err instanceof Error ? err.message : String(err) });
    }
  };
  server.register(
    method.path,
    handler,
    method.responseSerialize,
    method.requestDeserialize,
    'unary',
  );
}

/**
 * One page of `items` in id order (UTF-8 byte order, as Firestore orders ids), starting after
 * the id in `page_token`; `next` is the last id of a full page, empty on the last page.
 */
function pageOf<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  request: Pick<ListRequest, 'page_size' | 'page_token'>,
): { items: T[]; next: string } {
  const byId = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const size = request.page_size > 0 ? Math.min(request.page_size, MAX_PAGE) : MAX_PAGE;
  const after = request.page_token;
  const sorted = items
    .filter((item) => after === '' || byId(idOf(item), after) > 0)
    .sort((a, b) => byId(idOf(a), idOf(b)));
  const page = sorted.slice(0, size);
  const last = page.at(-1);
  return { items: page, next: sorted.length > size && last !== undefined ? idOf(last) : '' };
}

/**
 * The document as `ListDocuments` returns it: with a mask, only the top-level fields it names
 * (the client sends an empty mask: ids only, no fields).
 */
function masked(doc: FirestoreStateDocument, request: ListRequest): unknown {
  const v1 = doc.toV1Document();
  if (request.has_mask) {
    const keep = new Set(request.mask.field_paths);
    v1.fields = new Map([...v1.fields].filter(([name]) => keep.has(name)));
  }
  return v1;
}

/** The database (`…/documents`) or document whose collections `parent` names. */
function holderOf(state: FirestoreServer['state'], parent: string): WithCollections {
  const [projects, project, databases, database, documents, ...rest] = parent.split('/');
  if (
    rest.length === 0 &&
    projects === 'projects' &&
    databases === 'databases' &&
    documents === 'documents' &&
    project !== undefined &&
    database !== undefined
  ) {
    return state.getProject(project).getDatabase(database) as unknown as WithCollections;
  }
  return state.getDocument(parent) as unknown as WithCollections;
}
