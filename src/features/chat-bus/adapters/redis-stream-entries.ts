import type { ChatMessage, MessageRole } from '../chat-bus.types';

/** A stream entry as Redis returns it: `[id, [field, value, field, value…]]`. */
export type StreamEntry = [id: string, fields: string[]];

/** A stream entry as a chat message; the time is the millisecond part of the stream id. */
export function toChatMessage(threadId: string, [id, fields]: StreamEntry): ChatMessage {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2)
    values.set(fields[i] as string, fields[i + 1] as string);
  return {
    id,
    thread_id: threadId,
    role: (values.get('role') ?? 'user') as MessageRole,
    text: values.get('text') ?? '',
    author: values.get('author') ?? '',
    created_at: new Date(Number(id.split('-')[0])).toISOString(),
  };
}

/** The entries per stream of an XREAD on several streams (empty when it timed out or was unblocked). */
export function streamsOfXread(reply: unknown): [key: string, entries: StreamEntry[]][] {
  if (!Array.isArray(reply)) return [];
  return reply.flatMap((item: unknown) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Array.isArray(item[1])) return [];
    return [[item[0], item[1] as StreamEntry[]]];
  });
}
