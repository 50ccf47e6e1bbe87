import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { ChatBusRepository } from '../../src/features/chat-bus/chat-bus.repository';
import {
  MESSAGE_ID_FORMAT,
  type ChatMessage,
  type ChatThread,
} from '../../src/features/chat-bus/chat-bus.types';

/** Collects what a follow() delivers and lets a test wait for a number of messages. */
export class FeedCollector {
  readonly received: ChatMessage[] = [];
  private wake: (() => void) | null = null;

  readonly sink = (batch: ChatMessage[]): Promise<void> => {
    this.received.push(...batch);
    this.wake?.();
    return Promise.resolve();
  };

  async waitFor(count: number): Promise<ChatMessage[]> {
    while (this.received.length < count)
      await new Promise<void>((resolve) => (this.wake = resolve));
    return this.received;
  }
}

/** Repositories under test are built with this stream cap, so trimming can be shown. */
export const CONTRACT_MAXLEN = 10;

/**
 * The behaviour every ChatBusRepository adapter must have. `make` returns a fresh repository
 * built with `maxLen` {@link CONTRACT_MAXLEN}; each test uses its own tenant.
 */
export function chatRepositoryContract(
  make: () => Promise<{ repo: ChatBusRepository; close(): Promise<void> }>,
): void {
  let repo: ChatBusRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_chat_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  const thread = (over: Partial<ChatThread> = {}): ChatThread => ({
    id: newSortableId(),
    title: 'Launch',
    participants: ['u_a', 'agent:planner'],
    created_by: 'u_a',
    created_at: new Date().toISOString(),
    ...over,
  });
  const post = (s: Scope, threadId: string, text: string) =>
    repo.appendMessage(s, threadId, { role: 'user', text, author: 'u_a' });

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  describe('threads', () => {
    it('stores a thread and reads it back only in its own scope', async () => {
      const s = scope();
      const t = await repo.createThread(s, thread());
      expect(await repo.getThread(s, t.id)).toEqual(t);
      for (const other of [scope(), Scope.of(s.tenantId, 'test', 'p_other'), s.tenantWide()])
        expect(await repo.getThread(other, t.id)).toBeNull();
    });

    it('lists threads newest first and pages with before', async () => {
      const s = scope();
      const made: ChatThread[] = [];
      for (let i = 0; i < 3; i += 1)
        made.push(await repo.createThread(s, thread({ title: `t${i}` })));
      const first = await repo.listThreads(s, { limit: 2 });
      expect(first.map((t) => t.title)).toEqual(['t2', 't1']);
      expect(
        (await repo.listThreads(s, { limit: 2, before: first[1]?.id })).map((t) => t.title),
      ).toEqual(['t0']);
      expect(await repo.listThreads(scope(), { limit: 10 })).toEqual([]);
    });
  });

  describe('messages', () => {
    it('appends messages with increasing stream ids and lists them in order after an id', async () => {
      const s = scope();
      const t = await repo.createThread(s, thread());
      const sent = [];
      for (const text of ['one', 'two', 'three']) sent.push(await post(s, t.id, text));
      expect(
        sent.every(
          (m) => MESSAGE_ID_FORMAT.test(m.id) && m.thread_id === t.id && m.author === 'u_a',
        ),
      ).toBe(true);
      expect(new Set(sent.map((m) => m.id)).size).toBe(3);
      expect((await repo.listMessages(s, t.id, { limit: 10 })).map((m) => m.text)).toEqual([
        'one',
        'two',
        'three',
      ]);
      expect(
        (await repo.listMessages(s, t.id, { limit: 1, after: sent[0]?.id })).map((m) => m.text),
      ).toEqual(['two']);
      expect(await repo.listMessages(s, t.id, { limit: 10, after: sent[2]?.id })).toEqual([]);
      expect(await repo.lastMessageId(s, t.id)).toBe(sent[2]?.id);
      expect(await repo.listMessages(scope(), t.id, { limit: 10 })).toEqual([]);
    });

    it('keeps text byte for byte and dates a message by its stream id', async () => {
      const s = scope();
      const t = await repo.createThread(s, thread());
      const text = 'ünïcødé ✓ "quotes" \n newline';
      const sent = await post(s, t.id, text);
      const [read] = await repo.listMessages(s, t.id, { limit: 1 });
      expect(read).toEqual(sent);
      expect(read?.text).toBe(text);
      expect(Date.parse(read?.created_at ?? '')).toBe(Number(sent.id.split('-')[0]));
    });

    it('answers 0-0 as the last id of a thread without messages', async () => {
      expect(await repo.lastMessageId(scope(), newSortableId())).toBe('0-0');
    });

    it(`caps each thread near ${CONTRACT_MAXLEN} messages, dropping the oldest`, async () => {
      const s = scope();
      const t = await repo.createThread(s, thread());
      for (let i = 0; i < 250; i += 1) await post(s, t.id, `m${i}`);
      const kept = await repo.listMessages(s, t.id, { limit: 200 });
      // Redis trims with MAXLEN ~, in whole stream nodes (100 entries by default).
      expect(kept.length).toBeGreaterThanOrEqual(CONTRACT_MAXLEN);
      expect(kept.length).toBeLessThanOrEqual(CONTRACT_MAXLEN + 100);
      expect(kept.at(-1)?.text).toBe('m249');
    });
  });

  describe('follow', () => {
    it('replays the messages after the given id, then delivers new ones live, each once and in order', async () => {
      const s = scope();
      const t = await repo.createThread(s, thread());
      const before = [await post(s, t.id, 'a'), await post(s, t.id, 'b'), await post(s, t.id, 'c')];
      const feed = new FeedCollector();
      const abort = new AbortController();
      const following = repo.follow(s, t.id, before[0]?.id ?? '', feed.sink, abort.signal);
      await feed.waitFor(2);
      const live = [await post(s, t.id, 'd'), await post(s, t.id, 'e')];
      await feed.waitFor(4);
      abort.abort();
      await following;
      expect(feed.received.map((m) => m.id)).toEqual(
        [...before.slice(1), ...live].map((m) => m.id),
      );
    });

    it('from 0-0 on an empty thread waits for the first message', async () => {
      const s = scope();
      const t = await repo.createThread(s, thread());
      const feed = new FeedCollector();
      const abort = new AbortController();
      const following = repo.follow(s, t.id, '0-0', feed.sink, abort.signal);
      const sent = await post(s, t.id, 'first');
      expect((await feed.waitFor(1)).map((m) => m.id)).toEqual([sent.id]);
      abort.abort();
      await following;
    });

    it('resolves when the subscriber goes away while nothing arrives, and does not see other scopes', async () => {
      const s = scope();
      const t = await repo.createThread(s, thread());
      const feed = new FeedCollector();
      const abort = new AbortController();
      const following = repo.follow(s, t.id, '0-0', feed.sink, abort.signal);
      await post(scope(), t.id, 'elsewhere');
      await new Promise((r) => setTimeout(r, 50));
      abort.abort();
      await expect(following).resolves.toBeUndefined();
      expect(feed.received).toEqual([]);
    });
  });
}
