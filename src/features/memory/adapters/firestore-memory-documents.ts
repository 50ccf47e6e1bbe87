import { Timestamp, type CollectionReference, type DocumentData } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  instant,
  jsonObject,
  jsonValue,
  oneOf,
  optionalInstant,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { Scope } from '../../../common/scope/scope';
import { memoryOwnerDigest } from '../memory-scope-data';
import {
  MESSAGE_ROLES,
  type Blackboard,
  type MemoryMessage,
  type SessionRef,
} from '../memory.types';

// Where the Firestore adapter of the `memory` kind keeps its records and how they map to
// documents, shared by the port methods and the scope data of a move.

/** The users whose sessions have messages: "missing" documents that only hold subcollections. */
export function memoryUsers(fs: FirestoreHandle, scope: Scope): CollectionReference {
  return fs.scoped(scope, 'memory_users');
}

/** The messages of one session, one document per message keyed by its id. */
export function memoryMessages(
  fs: FirestoreHandle,
  scope: Scope,
  session: SessionRef,
): CollectionReference {
  return memoryUsers(fs, scope)
    .doc(memoryOwnerDigest(session.owner))
    .collection('sessions')
    .doc(session.sessionId)
    .collection('messages');
}

export function memoryBlackboards(fs: FirestoreHandle, scope: Scope): CollectionReference {
  return fs.scoped(scope, 'memory_blackboards');
}

/** A message's whole document: metadata as JSON text, the session owner and the scope. */
export function memoryMessageDocument(
  scope: Scope,
  owner: string,
  message: MemoryMessage,
): DocumentData {
  const { metadata, ...rest } = message;
  return { ...rest, metadata_json: JSON.stringify(metadata), owner, ...scopeFields(scope) };
}

const MESSAGE_FIELDS = {
  id: text,
  session_id: text,
  role: oneOf(MESSAGE_ROLES),
  content: text,
  metadata: jsonObject,
  created_at: instant,
};

export const toMemoryMessage = recordReader('memory message', MESSAGE_FIELDS);

/** A message with the owner of its session (what a move carries). */
export const toOwnedMemoryMessage = recordReader('memory message', {
  ...MESSAGE_FIELDS,
  owner: text,
});

/**
 * A blackboard's whole document: data as JSON text (any JSON round-trips), and `expire_at`
 * as a Timestamp for a Firestore TTL policy to delete expired entries eventually.
 */
export function memoryBoardDocument(scope: Scope, entry: Blackboard): DocumentData {
  const { data, ...rest } = entry;
  const expireAt =
    entry.expires_at === null ? null : Timestamp.fromDate(new Date(entry.expires_at));
  return { ...rest, data_json: JSON.stringify(data), expire_at: expireAt, ...scopeFields(scope) };
}

export const toMemoryBlackboard = recordReader('memory blackboard', {
  key: text,
  data: jsonValue,
  expires_at: optionalInstant,
  ...REVISED,
});
