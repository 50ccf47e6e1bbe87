import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { sortableIdFloor } from '../../../common/ids/sortable-id';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { eventRecord, nexusOfRecord, snippetRecord } from '../nexus-backend-scope-data';
import { NexusBackendRepository } from '../nexus-backend.repository';
import type {
  DatasetEvent,
  EventFilter,
  NexusSnippet,
  SnippetFilter,
} from '../nexus-backend.types';

/** Dev/test adapter of the `nexus_backend` kind: records in maps per scope. Forgets everything at restart. */
export class InMemoryNexusBackendRepository extends NexusBackendRepository implements ScopeData {
  private readonly snippets = new ScopedRecords<NexusSnippet>();
  private readonly events = new ScopedRecords<DatasetEvent>();

  createSnippet(scope: Scope, snippet: NexusSnippet): Promise<NexusSnippet> {
    return Promise.resolve(this.snippets.setIfAbsent(scope, snippet.id, snippet));
  }

  getSnippet(scope: Scope, id: string): Promise<NexusSnippet | null> {
    return Promise.resolve(this.snippets.get(scope, id));
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
    const matching = this.snippets.values(scope).filter(matches);
    return Promise.resolve(newestFirst(matching, page.before, page.limit));
  }

  recordEvent(scope: Scope, event: DatasetEvent): Promise<DatasetEvent> {
    return Promise.resolve(this.events.setIfAbsent(scope, event.id, event));
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
    const matching = this.events.values(scope).filter(matches);
    return Promise.resolve(newestFirst(matching, page.before, page.limit));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll([
      ...this.snippets.values(scope).map(snippetRecord),
      ...this.events.values(scope).map(eventRecord),
    ]);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const record of records.map(nexusOfRecord)) {
      if (record.collection === 'snippets')
        this.snippets.set(scope, record.snippet.id, record.snippet);
      else this.events.set(scope, record.event.id, record.event);
    }
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const held = new Map<string, Scope>();
    for (const scope of [
      ...this.snippets.scopesHeld(tenantId, env),
      ...this.events.scopesHeld(tenantId, env),
    ])
      held.set(scope.toString(), scope);
    return Promise.resolve([...held.values()]);
  }

  deleteScope(scope: Scope): Promise<void> {
    this.snippets.clear(scope);
    this.events.clear(scope);
    return Promise.resolve();
  }
}
