import type {
  CollectionReference,
  DocumentData,
  DocumentReference,
  Query,
} from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import { createOnce, getRecord } from '../../../backends/firestore/record-documents';
import {
  CREATED,
  jsonObject,
  jsonValue,
  recordReader,
  text,
  texts,
} from '../../../backends/firestore/record-schema';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import { sortableIdFloor } from '../../../common/ids/sortable-id';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { eventRecord, nexusOfRecord, snippetRecord } from '../nexus-backend-scope-data';
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
export class FirestoreNexusBackendRepository extends NexusBackendRepository implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async createSnippet(scope: Scope, snippet: NexusSnippet): Promise<NexusSnippet> {
    const data = snippetDocument(scope, snippet);
    return (await createOnce(this.snippets(scope).doc(snippet.id), data, toSnippet)) ?? snippet;
  }

  getSnippet(scope: Scope, id: string): Promise<NexusSnippet | null> {
    return getRecord(this.snippets(scope).doc(id), toSnippet);
  }

  listSnippets(
    scope: Scope,
    filter: SnippetFilter,
    page: { limit: number; before?: string },
  ): Promise<NexusSnippet[]> {
    let query: Query = whereEqual(this.snippets(scope), { kind: filter.kind });
    if (filter.tagsAny !== undefined && filter.tagsAny.length > 0)
      query = query.where('tags', 'array-contains-any', filter.tagsAny);
    return readDescending(query, toSnippet, page);
  }

  async recordEvent(scope: Scope, event: DatasetEvent): Promise<DatasetEvent> {
    const data = eventDocument(scope, event);
    return (await createOnce(this.events(scope).doc(event.id), data, toEvent)) ?? event;
  }

  listEvents(
    scope: Scope,
    filter: EventFilter,
    page: { limit: number; before?: string },
  ): Promise<DatasetEvent[]> {
    const query = whereEqual(this.events(scope), { event_type: filter.eventType });
    const from = filter.since === undefined ? undefined : sortableIdFloor(Date.parse(filter.since));
    return readDescending(query, toEvent, { ...page, from });
  }

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for await (const doc of documentsOf(this.snippets(scope)))
      yield snippetRecord(toSnippet(doc.data()));
    for await (const doc of documentsOf(this.events(scope))) yield eventRecord(toEvent(doc.data()));
  }

  /** Writes each record as its create would, after reading it back with the document reader. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const documents = records.map(nexusOfRecord).map((r): [DocumentReference, DocumentData] => {
      if (r.collection === 'snippets') {
        const snippet = toSnippet(snippetDocument(scope, r.snippet));
        return [this.snippets(scope).doc(snippet.id), snippetDocument(scope, snippet)];
      }
      const event = toEvent(eventDocument(scope, r.event));
      return [this.events(scope).doc(event.id), eventDocument(scope, event)];
    });
    return setDocuments(this.snippets(scope), documents);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.fs, tenantId, env, ['nexus_snippets', 'nexus_events']);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteCollections([this.snippets(scope), this.events(scope)]);
  }

  private snippets(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'nexus_snippets');
  }

  private events(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'nexus_events');
  }
}

function snippetDocument(scope: Scope, snippet: NexusSnippet): DocumentData {
  const { metadata, ...rest } = snippet;
  return { ...rest, metadata_json: JSON.stringify(metadata), ...scopeFields(scope) };
}

function eventDocument(scope: Scope, event: DatasetEvent): DocumentData {
  const { metadata, input, output, ...rest } = event;
  return {
    ...rest,
    metadata_json: JSON.stringify(metadata),
    input_json: JSON.stringify(input ?? null),
    output_json: JSON.stringify(output ?? null),
    ...scopeFields(scope),
  };
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
