import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import {
  collectRecords,
  type ScopeData,
  type ScopeRecord,
} from '../../src/common/scope-data/scope-data';
import { compareStreamIds } from '../../src/features/chat-bus/adapters/redis-stream-id';
import type { ChatBusRepository } from '../../src/features/chat-bus/chat-bus.repository';
import { FeedCollector } from './chat-bus.repository.contract';
import type { ScopeDataContractOptions, ScopeDataSide } from './scope-data.contract';

async function thread(repo: ChatBusRepository, scope: Scope, title: string): Promise<string> {
  const id = newSortableId();
  await repo.createThread(scope, {
    id,
    title,
    participants: ['u_a', 'agent:planner'],
    created_by: 'u_a',
    created_at: new Date().toISOString(),
  });
  return id;
}

/**
 * Chat for the scope-data round trip: three threads (one without messages) and their
 * messages. `read` shows threads, each thread's messages with their ids, and its last id.
 */
export const chatBusScopeData: ScopeDataContractOptions<ChatBusRepository> = {
  async seed(repo, scope) {
    const launch = await thread(repo, scope, 'Launch');
    const ops = await thread(repo, scope, 'Ops');
    await thread(repo, scope, 'Quiet');
    for (const text of ['one', 'two', 'three'])
      await repo.appendMessage(scope, launch, { role: 'user', text, author: 'u_a' });
    await repo.appendMessage(scope, ops, { role: 'agent', text: 'ack ✓', author: 'agent:ops' });
    await repo.appendMessage(scope, ops, { role: 'system', text: '', author: 'system' });
  },
  async read(repo, scope) {
    const threads = await repo.listThreads(scope, { limit: 50 });
    return Promise.all(
      threads.map(async (t) => ({
        thread: await repo.getThread(scope, t.id),
        messages: await repo.listMessages(scope, t.id, { limit: 100 }),
        last: await repo.lastMessageId(scope, t.id),
      })),
    );
  },
};

async function copy(from: ScopeData, to: ScopeData, scope: Scope): Promise<ScopeRecord[]> {
  const records = await collectRecords(from.exportScope(scope));
  for (let i = 0; i < records.length; i += 2)
    await to.importRecords(scope, records.slice(i, i + 2));
  return records;
}

/**
 * What the generic round trip cannot see of chat_bus: stream ids and order survive, a
 * follower resumes on the target from a Last-Event-ID of the source, and new posts on the
 * target get ids above every imported one.
 */
export function chatBusMoveChecks(
  from: ScopeDataSide<ChatBusRepository>,
  to: ScopeDataSide<ChatBusRepository>,
): void {
  describe(`chat streams: ${from.backend} → ${to.backend}`, () => {
    let a: ChatBusRepository & ScopeData;
    let b: ChatBusRepository & ScopeData;
    const closers: (() => Promise<void>)[] = [];
    let n = 0;
    const scope = (): Scope =>
      Scope.of(`t_chm_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

    beforeAll(async () => {
      const first = await from.make();
      const second = await to.make();
      [a, b] = [first.repo, second.repo];
      closers.push(first.close, second.close);
    });
    afterAll(async () => {
      for (const close of closers) await close();
    });

    it('keeps ids and order; a follower resuming with a Last-Event-ID from before the copy gets exactly the later messages', async () => {
      const s = scope();
      const id = await thread(a, s, 'Launch');
      const sent = [];
      for (const text of ['m1', 'm2', 'm3', 'm4'])
        sent.push(await a.appendMessage(s, id, { role: 'user', text, author: 'u_a' }));
      const lastSeen = sent[1]?.id ?? '';
      await copy(a, b, s);
      expect(await b.listMessages(s, id, { limit: 10 })).toEqual(sent);

      const feed = new FeedCollector();
      const abort = new AbortController();
      const following = b.follow(s, id, lastSeen, feed.sink, abort.signal);
      await feed.waitFor(2);
      const next = await b.appendMessage(s, id, { role: 'user', text: 'm5', author: 'u_b' });
      const received = await feed.waitFor(3);
      abort.abort();
      await following;
      expect(received.map((m) => m.text)).toEqual(['m3', 'm4', 'm5']);
      expect(received.slice(0, 2)).toEqual(sent.slice(2));
      for (const m of sent) expect(compareStreamIds(next.id, m.id)).toBeGreaterThan(0);
      expect(await b.lastMessageId(s, id)).toBe(next.id);
    });

    it('gives a new post on the target an id above every imported one, even ids ahead of its clock', async () => {
      const s = scope();
      const id = await thread(a, s, 'Ahead');
      const records = await collectRecords(a.exportScope(s));
      const ahead = Date.now() + 3_600_000;
      const message = (seq: number): ScopeRecord => ({
        collection: 'messages',
        id: `${id}/${ahead}-${seq}`,
        data: {
          id: `${ahead}-${seq}`,
          thread_id: id,
          role: 'user',
          text: `ahead ${seq}`,
          author: 'u_a',
          created_at: new Date(ahead).toISOString(),
        },
      });
      await b.importRecords(s, [...records, message(0), message(7)]);
      const next = await b.appendMessage(s, id, { role: 'user', text: 'now', author: 'u_a' });
      expect(next.id).toBe(`${ahead}-8`);
      await expect(b.importRecords(s, [message(3)])).rejects.toThrow(/only grows at its end/);
    });
  });
}
