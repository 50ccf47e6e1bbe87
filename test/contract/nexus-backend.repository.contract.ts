import { newSortableId, sortableIdFloor, timeOfSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { NexusBackendRepository } from '../../src/features/nexus-backend/nexus-backend.repository';
import type {
  DatasetEvent,
  NexusSnippet,
} from '../../src/features/nexus-backend/nexus-backend.types';

function snippet(over: Partial<NexusSnippet> = {}): NexusSnippet {
  const id = over.id ?? newSortableId();
  return {
    id,
    kind: 'code',
    text: 'x',
    tags: [],
    metadata: {},
    refs: [],
    created_by: 'u_alice',
    created_at: timeOfSortableId(id),
    ...over,
  };
}

function event(over: Partial<DatasetEvent> = {}): DatasetEvent {
  const id = over.id ?? newSortableId();
  return {
    id,
    event_type: 'tool_call',
    agent_id: 'agent-1',
    input: null,
    output: null,
    metadata: {},
    created_by: 'u_alice',
    created_at: timeOfSortableId(id),
    ...over,
  };
}

/** An id whose time part is `ms` (as newSortableId would make at that time). */
const idAt = (ms: number, suffix: string): string =>
  sortableIdFloor(ms).slice(0, 10) + suffix.padStart(16, '0');

/** The behaviour every NexusBackendRepository adapter must have. Each test uses its own tenant. */
export function nexusRepositoryContract(
  make: () => Promise<{ repo: NexusBackendRepository; close(): Promise<void> }>,
): void {
  let repo: NexusBackendRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_nx_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('stores a snippet with any JSON metadata and reads it back; other scopes do not see it', async () => {
    const s = scope();
    const saved = await repo.createSnippet(
      s,
      snippet({
        text: 'é'.repeat(100),
        tags: ['a'],
        metadata: { deep: [[1], { x: null }] },
        refs: ['doc:1'],
      }),
    );
    expect(await repo.getSnippet(s, saved.id)).toEqual(saved);
    expect(await repo.getSnippet(Scope.of(s.tenantId, 'test', 'p_other'), saved.id)).toBeNull();
    expect(
      await repo.listSnippets(Scope.of('t_nx_other', 'test', 'p_web'), {}, { limit: 10 }),
    ).toEqual([]);
  });

  it('creates a snippet or an event id once: creating it again returns the stored record', async () => {
    const s = scope();
    const first = await repo.createSnippet(s, snippet());
    await expect(repo.createSnippet(s, { ...first, tags: ['changed'] })).resolves.toEqual(first);
    const recorded = await repo.recordEvent(s, event());
    await expect(
      repo.recordEvent(s, { ...recorded, metadata: { changed: true } }),
    ).resolves.toEqual(recorded);
    expect(await repo.listSnippets(s, {}, { limit: 10 })).toEqual([first]);
    expect(await repo.listEvents(s, {}, { limit: 10 })).toEqual([recorded]);
  });

  it('lists snippets newest first by kind and by any of the tags, paging by keyset', async () => {
    const s = scope();
    const a = await repo.createSnippet(s, snippet({ kind: 'code', tags: ['ts', 'nest'] }));
    const b = await repo.createSnippet(s, snippet({ kind: 'prose', tags: ['nest'] }));
    const c = await repo.createSnippet(s, snippet({ kind: 'code', tags: ['go'] }));
    const ids = async (
      filter: Parameters<NexusBackendRepository['listSnippets']>[1],
      before?: string,
    ) => (await repo.listSnippets(s, filter, { limit: 10, before })).map((x) => x.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ kind: 'code' })).toEqual([c.id, a.id]);
    expect(await ids({ tagsAny: ['nest', 'go'] })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ tagsAny: ['ts'] })).toEqual([a.id]);
    expect(await ids({ kind: 'code', tagsAny: ['nest'] })).toEqual([a.id]);
    expect(await ids({}, c.id)).toEqual([b.id, a.id]);
    expect((await repo.listSnippets(s, {}, { limit: 1 })).map((x) => x.id)).toEqual([c.id]);
  });

  it('stores an event with JSON input and output and lists events newest first by type', async () => {
    const s = scope();
    const first = await repo.recordEvent(
      s,
      event({ input: [1, [2]], output: 'done', metadata: { k: 'v' } }),
    );
    const second = await repo.recordEvent(s, event({ event_type: 'reply', input: { q: 'hi' } }));
    expect(await repo.listEvents(s, {}, { limit: 10 })).toEqual([second, first]);
    expect(await repo.listEvents(s, { eventType: 'tool_call' }, { limit: 10 })).toEqual([first]);
    expect(await repo.listEvents(s, {}, { limit: 10, before: second.id })).toEqual([first]);
    expect(
      await repo.listEvents(Scope.of(s.tenantId, 'test', 'p_other'), {}, { limit: 10 }),
    ).toEqual([]);
  });

  it('filters events since an instant, inclusive to the millisecond, combined with type and paging', async () => {
    const s = scope();
    const t0 = Date.parse('2030-05-01T10:00:00.000Z');
    const before = await repo.recordEvent(s, event({ id: idAt(t0 - 1, 'z') }));
    const atStart = await repo.recordEvent(s, event({ id: idAt(t0, '1') }));
    const later = await repo.recordEvent(
      s,
      event({ id: idAt(t0 + 5000, '1'), event_type: 'reply' }),
    );
    const since = new Date(t0).toISOString();
    expect((await repo.listEvents(s, { since }, { limit: 10 })).map((e) => e.id)).toEqual([
      later.id,
      atStart.id,
    ]);
    expect(
      (await repo.listEvents(s, { since, eventType: 'tool_call' }, { limit: 10 })).map((e) => e.id),
    ).toEqual([atStart.id]);
    expect(
      (await repo.listEvents(s, { since }, { limit: 10, before: later.id })).map((e) => e.id),
    ).toEqual([atStart.id]);
    expect((await repo.listEvents(s, {}, { limit: 10 })).map((e) => e.id)).toContain(before.id);
  });
}
