import { Injectable } from '@nestjs/common';
import { SORTABLE_ID_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { newSortableId, timeOfSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { NexusBackendRepository } from './nexus-backend.repository';
import type { DatasetEvent, EventFilter, NexusSnippet, SnippetFilter } from './nexus-backend.types';
import { SnippetNotFoundError } from './nexus-backend.errors';

/** What a new snippet is made from. */
export type NewSnippet = Pick<NexusSnippet, 'kind' | 'text'> &
  Partial<Pick<NexusSnippet, 'tags' | 'metadata' | 'refs'>>;

/** What a new dataset event is made from. */
export type NewDatasetEvent = Pick<DatasetEvent, 'event_type' | 'agent_id'> &
  Partial<Pick<DatasetEvent, 'input' | 'output' | 'metadata'>>;

/** Snippets and dataset events of the request's project. */
@Injectable()
export class NexusBackendService {
  constructor(
    private readonly nexus: NexusBackendRepository,
    private readonly context: RequestContext,
  ) {}

  createSnippet(input: NewSnippet): Promise<NexusSnippet> {
    const id = newSortableId();
    return this.nexus.createSnippet(this.context.scope, {
      id,
      kind: input.kind,
      text: input.text,
      tags: [...new Set(input.tags ?? [])],
      metadata: input.metadata ?? {},
      refs: input.refs ?? [],
      created_by: this.context.principal.subject,
      created_at: timeOfSortableId(id),
    });
  }

  async snippet(id: string): Promise<NexusSnippet> {
    const found = await this.nexus.getSnippet(this.context.scope, id);
    if (found === null) throw new SnippetNotFoundError(id);
    return found;
  }

  async snippets(filter: SnippetFilter, page: ListRequest): Promise<Page<NexusSnippet>> {
    const { limit, position: before } = SORTABLE_ID_CURSOR.start(page);
    const tagsAny = filter.tagsAny ? [...new Set(filter.tagsAny)] : undefined;
    const fetched = await this.nexus.listSnippets(
      this.context.scope,
      { ...filter, tagsAny },
      { limit: limit + 1, before },
    );
    return SORTABLE_ID_CURSOR.page(fetched, limit, (last) => last.id);
  }

  recordEvent(input: NewDatasetEvent): Promise<DatasetEvent> {
    const id = newSortableId();
    return this.nexus.recordEvent(this.context.scope, {
      id,
      event_type: input.event_type,
      agent_id: input.agent_id,
      input: input.input ?? null,
      output: input.output ?? null,
      metadata: input.metadata ?? {},
      created_by: this.context.principal.subject,
      created_at: timeOfSortableId(id),
    });
  }

  /** Newest first; `since` is inclusive, to the millisecond. */
  async events(filter: EventFilter, page: ListRequest): Promise<Page<DatasetEvent>> {
    const { limit, position: before } = SORTABLE_ID_CURSOR.start(page);
    const since = filter.since === undefined ? undefined : new Date(filter.since).toISOString();
    const fetched = await this.nexus.listEvents(
      this.context.scope,
      { ...filter, since },
      { limit: limit + 1, before },
    );
    return SORTABLE_ID_CURSOR.page(fetched, limit, (last) => last.id);
  }
}
