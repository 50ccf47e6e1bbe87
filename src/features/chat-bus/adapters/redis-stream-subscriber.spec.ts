import type { ChatMessage } from '../chat-bus.types';
import { MAX_PENDING_MESSAGES, RedisStreamSubscriber } from './redis-stream-subscriber';

const message = (seq: number): ChatMessage => ({
  id: `1700000000000-${seq}`,
  thread_id: 'th',
  role: 'user',
  text: `m${seq}`,
  author: 'u',
  created_at: '2023-11-14T22:13:20.000Z',
});
const range = (from: number, to: number): ChatMessage[] =>
  Array.from({ length: to - from + 1 }, (_, i) => message(from + i));

describe('RedisStreamSubscriber', () => {
  it('hands over each message once, in order, whether it came from the catch-up read or the shared reader', async () => {
    const sub = new RedisStreamSubscriber('1700000000000-0');
    sub.push(range(3, 6));
    expect(sub.accept(range(1, 4)).map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4']);
    const next = await sub.next(new AbortController().signal);
    expect(next?.map((m) => m.text)).toEqual(['m5', 'm6']);
    expect(sub.position).toBe('1700000000000-6');
  });

  it('drops its buffer past the limit and asks to re-read the stream from its position', async () => {
    const sub = new RedisStreamSubscriber('1700000000000-0');
    sub.push(range(1, MAX_PENDING_MESSAGES + 1));
    expect(await sub.next(new AbortController().signal)).toBeNull();
    expect(sub.takeDropped()).toBe(true);
    expect(sub.takeDropped()).toBe(false);
    expect(sub.position).toBe('1700000000000-0');
  });

  it('cuts a send that waits on the client short when the feed fails', async () => {
    const sub = new RedisStreamSubscriber('0-0');
    const stuck = new Promise<void>(() => undefined);
    const sending = sub.whileAlive(stuck);
    sub.fail(new Error('redis gone'));
    await expect(sending).rejects.toThrow('redis gone');
    await expect(sub.next(new AbortController().signal)).rejects.toThrow('redis gone');
  });

  it('resolves a waiting next() with null when the subscriber leaves', async () => {
    const sub = new RedisStreamSubscriber('0-0');
    const abort = new AbortController();
    const waiting = sub.next(abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeNull();
  });
});
