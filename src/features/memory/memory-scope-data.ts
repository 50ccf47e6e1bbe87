import { createHash } from 'node:crypto';
import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { Blackboard, MemoryMessage } from './memory.types';

/**
 * The collections of a memory scope in a move's record stream, so every adapter exports and
 * imports the same records:
 * - `messages`: a record per session message, the message as the port returns it plus the
 *   `owner` (token `sub`) whose session it is, exported oldest first within a session;
 * - `blackboards`: a record per entry as the port returns it, expired entries included
 *   (their version still counts, see `MemoryRepository.putBlackboard`).
 */
export const MEMORY_MESSAGES = 'messages';
export const MEMORY_BLACKBOARDS = 'blackboards';

/** A message as a move carries it. */
export interface MemoryMessageData extends MemoryMessage {
  owner: string;
}

/** What a record carries, by collection. */
export type MemoryRecordData =
  | { collection: typeof MEMORY_MESSAGES; message: MemoryMessageData }
  | { collection: typeof MEMORY_BLACKBOARDS; entry: Blackboard };

/** The owner as a fixed-length id part: any `sub` fits, no two collide. */
export function memoryOwnerDigest(owner: string): string {
  return createHash('sha256').update(owner, 'utf8').digest('hex');
}

/** A message's record id: owner digest, session id and message id (none holds a `:`). */
function messageRecordId(message: MemoryMessageData): string {
  return `${memoryOwnerDigest(message.owner)}:${message.session_id}:${message.id}`;
}

export function memoryMessageRecord(owner: string, message: MemoryMessage): ScopeRecord {
  const data: MemoryMessageData = { ...message, owner };
  return { collection: MEMORY_MESSAGES, id: messageRecordId(data), data };
}

export function memoryBlackboardRecord(entry: Blackboard): ScopeRecord {
  return { collection: MEMORY_BLACKBOARDS, id: entry.key, data: entry };
}

/**
 * What a record carries, refusing records of another collection or whose id does not
 * match their data (a move would otherwise store them under the wrong key). Fields are not
 * checked here: the Firestore adapter reads them with its document readers.
 */
export function memoryOfRecord(record: ScopeRecord): MemoryRecordData {
  const data = record.data as (MemoryMessageData & Blackboard) | null;
  if (data !== null && typeof data === 'object') {
    if (
      record.collection === MEMORY_MESSAGES &&
      typeof data.owner === 'string' &&
      messageRecordId(data) === record.id
    )
      return { collection: MEMORY_MESSAGES, message: data };
    if (record.collection === MEMORY_BLACKBOARDS && data.key === record.id)
      return { collection: MEMORY_BLACKBOARDS, entry: data };
  }
  throw new Error(`memory: no message or blackboard record: ${record.collection}/${record.id}`);
}
