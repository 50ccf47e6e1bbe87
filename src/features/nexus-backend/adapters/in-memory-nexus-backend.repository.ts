import { newestFirst } from '../../../backends/memory/scoped-records';
import { sortableIdFloor } from '../../../common/ids/sortable-id';
import type { Scope } from '../../../common/scope/scope';
import { NexusBackendRepository } from '../nexus-backend.repository';
import type {
  DatasetEvent,
  EventFilter,
  NexusSnippet,
  SnippetFilter,
} from '../nexus-backend.types';

/** Dev/test adapter of the `nexus_backend` kind: records in maps per scope. Forgets everything at restart. */
export class InMemoryNexusBackendRepository extends NexusBackendRepository {
  private readonly snippets = new Map<string, Map<string, NexusSnippet>>();
  private readonly events = new Map<string, Map<string, DatasetEvent>>();

  createSnippet(scope: Scope, snippet: NexusSnippet): Promise<NexusSnippet> {
    const snippets = bucket(this.snippets, scope);
    if (!snippets.has(snippet.id)) snippets.set(snippet.id, structuredClone(snippet));
    return Promise.resolve(structuredClone(snippets.get(snippet.id) as NexusSnippet));
  }

  getSnippet(scope: Scope, id: string): Promise<NexusSnippet | null> {
    return Promise.resolve(structuredClone(bucket(this.snippets, scope).get(id) ?? null));
  }

  listSnippets(
    scope: Scope,
    filter: SnippetFilter,
    page: { limit: number; before?: string },
  ): Promise<NexusSnippet[]> {
    const tagsAny = filter.tagsAny ?? [];
    const matches = (s: NexusSnippet): boolean =>
      (filter.kind === undefined || s.kind === filter.kind) &&
      (tagsAny.length === 0 || s.tags.some((t) => tagsAny.includes(t)));
    const matching = [...bucket(this.snippets, scope).values()].filter(matches);
    return Promise.resolve(structuredClone(newestFirst(matching, page.before, page.limit)));
  }

  recordEvent(scope: Scope, event: DatasetEvent): Promise<DatasetEvent> {
    const events = bucket(this.events, scope);
    if (!events.has(event.id)) events.set(event.id, structuredClone(event));
    return Promise.resolve(structuredClone(events.get(event.id) as DatasetEvent));
  }

  listEvents(
    scope: Scope,
    filter: EventFilter,
    page: { limit: number; before?: string },
  ): Promise<DatasetEvent[]> {
    const floor =
      filter.since === undefined ? undefined : sortableIdFloor(Date.parse(filter.since));
    const matches = (e: DatasetEvent): boolean =>
      (filter.eventType === undefined || e.event_type === filter.eventType) &&
      (floor === undefined || e.id >= floor);
    const matching = [...bucket(this.events, scope).values()].filter(matches);
    return Promise.resolve(structuredClone(newestFirst(matching, page.before, page.limit)));
  }
}

function bucket<T>(maps: Map<string, Map<string, T>>, scope: Scope): Map<string, T> {
  let map = maps.get(scope.toString());
  if (map === undefined) {
    map = new Map();
    maps.set(scope.toString(), map);
  }
  return map;
}
