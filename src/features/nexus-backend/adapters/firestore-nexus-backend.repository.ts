import type {
  CollectionReference,
  DocumentData,
  DocumentReference,
  Query,
} from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import {
  CREATED,
  jsonObject,
  jsonValue,
  recordOrNull,
  recordReader,
  text,
  texts,
} from '../../../backends/firestore/record-schema';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import { sortableIdFloor } from '../../../common/ids/sortable-id';
import type { Scope } from '../../../common/scope/scope';
import { NexusBackendRepository } from '../nexus-backend.repository';
import type {
  DatasetEvent,
  EventFilter,
  NexusSnippet,
  SnippetFilter,
} from '../nexus-backend.types';

/**
 * Firestore adapter of the `nexus_backend` kind: one document per record in
 * `{prefix_}tenants/{tenant}/envs/{env}/projects/{project}/nexus_snippets|nexus_events/{id}`,
 * claimed with `create()`. Queried fields (`kind`, `tags`, `event_type`, `id`) are top-level;
 * free-form JSON (`metadata`, `input`, `output`) is stored as JSON strings so any JSON value
 * (nested arrays included) round-trips. `since` is a range on `id` (see `sortableIdFloor`), so
 * every list is one range on `id`, ordered `id desc`.
 *
 * Composite indexes real Firestore needs (the emulator needs none): snippets
 * `kind + id desc`, `tags array-contains + id desc`, `kind + tags array-contains + id desc`;
 * events `event_type + id desc`.
 */
export class FirestoreNexusBackendRepository extends NexusBackendRepository {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async createSnippet(scope: Scope, snippet: NexusSnippet): Promise<NexusSnippet> {
    const { metadata, ...rest } = snippet;
    const data = { ...rest, metadata_json: JSON.stringify(metadata), ...scopeFields(scope) };
    const existing = await createOnce(this.snippets(scope).doc(snippet.id), data);
    return existing === null ? snippet : toSnippet(existing);
  }

  async getSnippet(scope: Scope, id: string): Promise<NexusSnippet | null> {
    const snap = await this.snippets(scope).doc(id).get();
    return recordOrNull(snap, toSnippet);
  }

  async listSnippets(
    scope: Scope,
    filter: SnippetFilter,
    page: { limit: number; before?: string },
  ): Promise<NexusSnippet[]> {
    let query: Query = this.snippets(scope);
    if (filter.kind !== undefined) query = query.where('kind', '==', filter.kind);
    if (filter.tagsAny !== undefined && filter.tagsAny.length > 0)
      query = query.where('tags', 'array-contains-any', filter.tagsAny);
    return (await newestFirst(query, page)).map(toSnippet);
  }

  async recordEvent(scope: Scope, event: DatasetEvent): Promise<DatasetEvent> {
    const { metadata, input, output, ...rest } = event;
    const existing = await createOnce(this.events(scope).doc(event.id), {
      ...rest,
      metadata_json: JSON.stringify(metadata),
      input_json: JSON.stringify(input ?? null),
      output_json: JSON.stringify(output ?? null),
      ...scopeFields(scope),
    });
    return existing === null ? event : toEvent(existing);
  }

  async listEvents(
    scope: Scope,
    filter: EventFilter,
    page: { limit: number; before?: string },
  ): Promise<DatasetEvent[]> {
    let query: Query = this.events(scope);
    if (filter.eventType !== undefined) query = query.where('event_type', '==', filter.eventType);
    if (filter.since !== undefined)
      query = query.where('id', '>=', sortableIdFloor(Date.parse(filter.since)));
    return (await newestFirst(query, page)).map(toEvent);
  }

  private snippets(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'nexus_snippets');
  }

  private events(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'nexus_events');
  }
}

async function newestFirst(
  query: Query,
  page: { limit: number; before?: string },
): Promise<DocumentData[]> {
  const bounded = page.before === undefined ? query : query.where('id', '<', page.before);
  const snap = await bounded.orderBy('id', 'desc').limit(page.limit).get();
  return snap.docs.map((doc) => doc.data());
}

/**
 * Creates the document, or returns the stored one when the id exists: ids are unique, so it
 * is an earlier attempt of the same idempotent request. Null when this call created it.
 */
async function createOnce(
  ref: DocumentReference,
  data: DocumentData,
): Promise<DocumentData | null> {
  try {
    await ref.create(data);
    return null;
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const existing = (await ref.get()).data();
    if (existing === undefined) throw err;
    return existing;
  }
}

const toSnippet = recordReader('nexus snippet', {
  id: text,
  kind: text,
  text,
  tags: texts,
  metadata: jsonObject,
  refs: texts,
  ...CREATED,
});

const toEvent = recordReader('nexus dataset event', {
  id: text,
  event_type: text,
  agent_id: text,
  input: jsonValue,
  output: jsonValue,
  metadata: jsonObject,
  ...CREATED,
});
