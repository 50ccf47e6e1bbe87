import { newSortableId, timeOfSortableId } from '../../src/common/ids/sortable-id';
import type { Scope } from '../../src/common/scope/scope';
import type { NexusBackendRepository } from '../../src/features/nexus-backend/nexus-backend.repository';
import type {
  DatasetEvent,
  NexusSnippet,
} from '../../src/features/nexus-backend/nexus-backend.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

function snippet(over: Partial<NexusSnippet>): NexusSnippet {
  const id = newSortableId();
  return {
    id,
    kind: 'code',
    text: 'x',
    tags: [],
    metadata: {},
    refs: [],
    created_by: 'u_a',
    created_at: timeOfSortableId(id),
    ...over,
  };
}

function event(over: Partial<DatasetEvent>): DatasetEvent {
  const id = newSortableId();
  return {
    id,
    event_type: 'tool_call',
    agent_id: 'agent-1',
    input: null,
    output: null,
    metadata: {},
    created_by: 'u_a',
    created_at: timeOfSortableId(id),
    ...over,
  };
}

/**
 * Nexus records for the scope-data round trip: snippets with tags, refs and nested metadata,
 * and events with JSON inputs and outputs of every shape (null, nested arrays, scalars);
 * read back by id and through every filter of the port.
 */
export const nexusBackendScopeData: ScopeDataContractOptions<NexusBackendRepository> = {
  async seed(repo, scope: Scope) {
    await repo.createSnippet(scope, snippet({ tags: ['a', 'b'], refs: ['doc:1'] }));
    await repo.createSnippet(
      scope,
      snippet({ kind: 'note', text: 'n', metadata: { deep: { list: [[1], { x: null }] } } }),
    );
    await repo.createSnippet(scope, snippet({ tags: ['b'] }));
    await repo.recordEvent(scope, event({ input: { q: [1, [2, 3]] }, output: 'ok' }));
    await repo.recordEvent(scope, event({ event_type: 'answer', output: [true, null] }));
    await repo.recordEvent(scope, event({ input: 7, metadata: { run: 'r1' } }));
  },
  async read(repo, scope) {
    const page = { limit: 50 };
    const snippets = await repo.listSnippets(scope, {}, page);
    const events = await repo.listEvents(scope, {}, page);
    return {
      snippets,
      byId: await Promise.all(snippets.map((s) => repo.getSnippet(scope, s.id))),
      notes: await repo.listSnippets(scope, { kind: 'note' }, page),
      tagged: await repo.listSnippets(scope, { tagsAny: ['a'] }, page),
      events,
      answers: await repo.listEvents(scope, { eventType: 'answer' }, page),
      since: await repo.listEvents(scope, { since: events.at(-2)?.created_at }, page),
    };
  },
};
