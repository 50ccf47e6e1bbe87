import { setTimeout as sleep } from 'node:timers/promises';
import type { CollectionReference, DocumentReference } from '@google-cloud/firestore';
import { isAlreadyExists } from '../../../backends/firestore/firestore.driver';
import { RateLimitBusyError } from '../rate-limit.errors';
import type { ConsumeOutcome, ConsumeRequest } from '../rate-limit.types';
import {
  keyDocument,
  keyUntil,
  readTicket,
  RETENTION_US,
  ticketDocument,
  ticketId,
  toTicket,
  type KeyFields,
  type Ticket,
} from './firestore-rate-limit-tickets';

/** Attempts to claim the next ticket before giving up (each lost attempt means another consumer won one). */
const MAX_CLAIM_ATTEMPTS = 64;
/** Every this many tickets, the claimer deletes a batch of expired ones. */
const SWEEP_EVERY = 64;

/**
 * The sliding window log of one key as a chain of ticket documents claimed with `create()`.
 *
 * A consumer reads the newest ticket h and the first ticket inside the window, computes the
 * units in the window as `h.total - first.total + first.cost`, and, if `cost` fits, creates
 * ticket h.n + 1. Tickets never change, so that verdict rests on the complete chain before
 * the new ticket; `create()` fails with ALREADY_EXISTS for every other consumer that wanted
 * the same number (enforced by Firestore and by the emulator alike), and those re-read and
 * decide again on the longer chain. No transaction is needed, so the guarantee holds on the
 * emulator too, and denied attempts write nothing.
 *
 * Cost: 3 reads/writes per uncontended consume; each lost race costs another query and
 * create, so a key hammered by many concurrent callers is better served by the Redis adapter.
 * Expired tickets are swept by claimers and carry `expire_at` for a Firestore TTL policy
 * (configure one on the `tickets` collection group in production, and on `rate_limit_keys`).
 *
 * The key document (action, subject, scope fields) is what lists the keys of a scope (a
 * scope's export finds its logs through it); a claim writes it in the same batch as the
 * ticket only when it is new or would expire before the new ticket (see `keyUntil`).
 */
export class FirestoreTicketLedger {
  private readonly tickets: CollectionReference;

  constructor(
    private readonly key: DocumentReference,
    private readonly fields: KeyFields,
  ) {
    this.tickets = key.collection('tickets');
  }

  async consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
    const windowUs = request.windowMs * 1000;
    let head = await this.newest();
    let first: Ticket | null = null;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const now = Math.max(Date.now() * 1000, (head?.ts ?? 0) + 1);
      first = await this.firstInWindow(head, first, now - windowUs);
      const used = head === null || first === null ? 0 : head.total - first.total + first.cost;
      if (used + request.cost > request.limit)
        return this.denied(request, { head, first, used, now });
      const ticket: Ticket = {
        n: (head?.n ?? 0) + 1,
        ts: now,
        cost: request.cost,
        total: (head?.total ?? 0) + request.cost,
        key_until: keyUntil(head, now, windowUs),
      };
      if (await this.claim(ticket, head, windowUs)) return this.allowed(request, ticket, used);
      // Lost the race for this number. A short random pause spreads the losers out (fewer
      // wasted claims), then jump to the newest ticket: several may have been claimed meanwhile.
      await sleep(Math.random() * 4 * Math.min(attempt + 1, 8));
      head = await this.newest();
    }
    throw new RateLimitBusyError(request.action);
  }

  /**
   * The first ticket with `ts > floor`. A known one stays valid while it is inside the window
   * (tickets before it are older still), so a consumer that lost a race need not query again.
   */
  private async firstInWindow(
    head: Ticket | null,
    known: Ticket | null,
    floor: number,
  ): Promise<Ticket | null> {
    if (head === null) return null;
    if (known !== null && known.ts > floor) return known;
    return this.firstWhere('ts', '>', floor);
  }

  private async allowed(
    request: ConsumeRequest,
    ticket: Ticket,
    usedBefore: number,
  ): Promise<ConsumeOutcome> {
    const windowUs = request.windowMs * 1000;
    if (ticket.n % SWEEP_EVERY === 0) await this.sweep(ticket, windowUs);
    return {
      allowed: true,
      remaining: request.limit - usedBefore - request.cost,
      resetAtMs: Math.ceil((ticket.ts + windowUs) / 1000),
      retryAfterMs: 0,
    };
  }

  private async denied(
    request: ConsumeRequest,
    at: { head: Ticket | null; first: Ticket | null; used: number; now: number },
  ): Promise<ConsumeOutcome> {
    const windowUs = request.windowMs * 1000;
    const { head, first, used, now } = at;
    const need = used + request.cost - request.limit;
    const freeing =
      first === null ? null : await this.firstWhere('total', '>=', first.total - first.cost + need);
    const retryAt = (freeing ?? head)?.ts ?? now;
    return {
      allowed: false,
      remaining: Math.max(0, request.limit - used),
      resetAtMs: Math.ceil(((head?.ts ?? now) + windowUs) / 1000),
      retryAfterMs: Math.max(0, Math.ceil((retryAt + windowUs - now) / 1000)),
    };
  }

  /**
   * Creates the ticket (and rewrites the key document when its `key_until` moved); false when
   * another consumer already holds that number. The claim comes first in the batch: on the
   * emulator, which applies a batch write by write, a lost claim then writes nothing either.
   */
  private async claim(ticket: Ticket, head: Ticket | null, windowUs: number): Promise<boolean> {
    try {
      const batch = this.tickets.firestore.batch();
      batch.create(this.tickets.doc(ticketId(ticket.n)), ticketDocument(ticket, windowUs));
      if (ticket.key_until !== null && ticket.key_until !== head?.key_until)
        batch.set(this.key, keyDocument(this.fields, ticket.key_until));
      await batch.commit();
      return true;
    } catch (err) {
      if (isAlreadyExists(err)) return false;
      throw err;
    }
  }

  private async ticket(n: number): Promise<Ticket | null> {
    const snap = await this.tickets.doc(ticketId(n)).get();
    return toTicket(snap.data());
  }

  private async newest(): Promise<Ticket | null> {
    const snap = await this.tickets.orderBy('n', 'desc').limit(1).get();
    return snap.empty ? null : toTicket(snap.docs[0]?.data());
  }

  private async firstWhere(
    field: 'ts' | 'total',
    op: '>' | '>=',
    value: number,
  ): Promise<Ticket | null> {
    const snap = await this.tickets.where(field, op, value).orderBy(field, 'asc').limit(1).get();
    return snap.empty ? null : toTicket(snap.docs[0]?.data());
  }

  /** Deletes a batch of tickets long out of the window, never the newest. Housekeeping only. */
  private async sweep(newest: Ticket, windowUs: number): Promise<void> {
    try {
      const old = await this.tickets
        .where('ts', '<', newest.ts - windowUs - RETENTION_US)
        .orderBy('ts', 'asc')
        .limit(SWEEP_EVERY)
        .get();
      const batch = this.tickets.firestore.batch();
      old.docs.filter((d) => readTicket(d.data()).n < newest.n).forEach((d) => batch.delete(d.ref));
      await batch.commit();
    } catch {
      // A failed sweep leaves expired tickets for the next sweep (or the TTL policy); the
      // consumption itself is already recorded and must still be reported as allowed.
    }
  }
}
