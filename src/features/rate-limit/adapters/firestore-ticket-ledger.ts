import { setTimeout as sleep } from 'node:timers/promises';
import type { CollectionReference, DocumentData } from '@google-cloud/firestore';
import { isAlreadyExists } from '../../../backends/firestore/firestore.driver';
import { num, recordReader } from '../../../backends/firestore/record-schema';
import { RateLimitBusyError } from '../rate-limit.errors';
import type { ConsumeOutcome, ConsumeRequest } from '../rate-limit.types';

/** One allowed consumption. Tickets are numbered 1, 2, 3… with no gaps and never change. */
interface Ticket {
  n: number;
  /** Microseconds since the epoch; strictly increasing with `n`. */
  ts: number;
  cost: number;
  /** Sum of `cost` over tickets 1..n. */
  total: number;
}

/** Attempts to claim the next ticket before giving up (each lost attempt means another consumer won one). */
const MAX_CLAIM_ATTEMPTS = 64;
/** Tickets are kept this long after leaving the window, so a slow racer never re-creates a deleted number. */
const RETENTION_US = 10 * 60 * 1_000_000;
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
 * (configure one on the `tickets` collection group in production).
 */
export class FirestoreTicketLedger {
  constructor(private readonly tickets: CollectionReference) {}

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
      };
      if (await this.claim(ticket, windowUs)) return this.allowed(request, ticket, used);
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

  /** Creates the ticket; false when another consumer already holds that number. */
  private async claim(ticket: Ticket, windowUs: number): Promise<boolean> {
    try {
      const expireAt = new Date(Math.ceil((ticket.ts + windowUs + RETENTION_US) / 1000));
      await this.tickets.doc(ticketId(ticket.n)).create({ ...ticket, expire_at: expireAt });
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

function ticketId(n: number): string {
  return String(n).padStart(15, '0');
}

const readTicket = recordReader('rate-limit ticket', { n: num, ts: num, cost: num, total: num });

function toTicket(data: DocumentData | undefined): Ticket | null {
  return data === undefined ? null : readTicket(data);
}
