import type { DocumentData } from '@google-cloud/firestore';
import {
  instant,
  num,
  optionalNum,
  recordReader,
  text,
} from '../../../backends/firestore/record-schema';
import type { ScopeFields } from '../../../backends/firestore/scope-fields';

/**
 * How the Firestore rate-limit adapter stores a key's log: the key document
 * `rate_limit_keys/{action}|{subject}` and its numbered `tickets` (see FirestoreTicketLedger).
 */

/** One allowed consumption. Tickets are numbered 1, 2, 3… with no gaps and never change. */
export interface Ticket {
  n: number;
  /** Microseconds since the epoch; strictly increasing with `n`. */
  ts: number;
  cost: number;
  /** Sum of `cost` over tickets 1..n. */
  total: number;
  /**
   * Until when (µs) the key document is known to be kept (its `expire_at`), carried from
   * ticket to ticket; null on tickets written before key documents existed.
   */
  key_until: number | null;
}

/** Tickets are kept this long after leaving the window, so a slow racer never re-creates a deleted number. */
export const RETENTION_US = 10 * 60 * 1_000_000;
/** How far past the newest ticket's own expiry a key document is kept when it is (re)written. */
const KEY_RENEWAL_US = RETENTION_US;

/** The fields of a key document besides its expiry. */
export interface KeyFields extends ScopeFields {
  action: string;
  subject: string;
}

export function ticketId(n: number): string {
  return String(n).padStart(15, '0');
}

export const readTicket = recordReader('rate-limit ticket', {
  n: num,
  ts: num,
  cost: num,
  total: num,
  key_until: optionalNum,
});

export function toTicket(data: DocumentData | undefined): Ticket | null {
  return data === undefined ? null : readTicket(data);
}

/** A stored ticket as the scope data reads it: with the `expire_at` that dates its window. */
export const readStoredTicket = recordReader('rate-limit ticket', {
  ts: num,
  cost: num,
  expire_at: instant,
});

export const readKey = recordReader('rate-limit key', { action: text, subject: text });

/** The whole ticket document; `expire_at` (for a TTL policy) is past its window and the retention. */
export function ticketDocument(ticket: Ticket, windowUs: number): DocumentData {
  return {
    ...ticket,
    expire_at: new Date(Math.ceil((ticket.ts + windowUs + RETENTION_US) / 1000)),
  };
}

/** When a ticket's window ends (epoch ms), from its stored `expire_at`. */
export function windowEndMs(expireAt: string): number {
  return Date.parse(expireAt) - RETENTION_US / 1000;
}

/**
 * The `key_until` of a new ticket at `ts`: the head's, while the key document outlives the
 * new ticket; otherwise a later time, and the claim rewrites the key document with it. So the
 * key document (which exports find the key by) is written about once per retention period
 * of a busy key, never on every consumption, and always outlives the key's tickets.
 */
export function keyUntil(head: Ticket | null, ts: number, windowUs: number): number {
  const needed = ts + windowUs + RETENTION_US;
  const known = head?.key_until ?? 0;
  return known >= needed ? known : needed + KEY_RENEWAL_US;
}

/** The whole key document; `expire_at` (for a TTL policy) is `keyUntilUs`. */
export function keyDocument(fields: KeyFields, keyUntilUs: number): DocumentData {
  return { ...fields, expire_at: new Date(Math.ceil(keyUntilUs / 1000)) };
}
