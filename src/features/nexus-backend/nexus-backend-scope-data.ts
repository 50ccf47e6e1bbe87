import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { DatasetEvent, NexusSnippet } from './nexus-backend.types';

/**
 * The collections of a nexus_backend scope in a move's record stream: a record per snippet
 * and per dataset event, each as the port returns it (ids and `created_at` kept), so every
 * adapter exports and imports the same records.
 */
export const NEXUS_SNIPPETS = 'snippets';
export const NEXUS_EVENTS = 'events';

export function snippetRecord(snippet: NexusSnippet): ScopeRecord {
  return { collection: NEXUS_SNIPPETS, id: snippet.id, data: snippet };
}

/** An event's record; a missing `input`/`output` is null, as Firestore returns it. */
export function eventRecord(event: DatasetEvent): ScopeRecord {
  return {
    collection: NEXUS_EVENTS,
    id: event.id,
    data: { ...event, input: event.input ?? null, output: event.output ?? null },
  };
}

/** A record of either collection, with what it carries. */
export type NexusRecordData =
  | { collection: typeof NEXUS_SNIPPETS; snippet: NexusSnippet }
  | { collection: typeof NEXUS_EVENTS; event: DatasetEvent };

/**
 * What a record carries, refusing records of another collection or whose id is not the
 * record's (a move would otherwise store it under the wrong id). Fields are not checked
 * here: the Firestore adapter reads them with its document readers.
 */
export function nexusOfRecord(record: ScopeRecord): NexusRecordData {
  const data = record.data as (NexusSnippet & DatasetEvent) | null;
  if (data?.id === record.id) {
    if (record.collection === NEXUS_SNIPPETS) return { collection: NEXUS_SNIPPETS, snippet: data };
    if (record.collection === NEXUS_EVENTS) return { collection: NEXUS_EVENTS, event: data };
  }
  throw new Error(`nexus_backend: no snippet or event record: ${record.collection}/${record.id}`);
}
