import type { CollectionReference, DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { scopeFields, withScopeFields } from '../../../backends/firestore/scope-fields';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import {
  keyDocument,
  keyUntil,
  readKey,
  readStoredTicket,
  ticketDocument,
  ticketId,
  windowEndMs,
  type Ticket,
} from './firestore-rate-limit-tickets';
import {
  importedPolicies,
  importedWindows,
  policyRecord,
  readPolicy,
  windowId,
  windowRecord,
  type RateLimitWindow,
} from './rate-limit-scope-records';

export const POLICIES_COLLECTION = 'rate_limit_policies';
export const KEYS_COLLECTION = 'rate_limit_keys';

/**
 * The scope data of the Firestore rate-limit adapter (see `rate-limit-scope-records.ts` for
 * the records). A window's log becomes a key document and a ticket chain numbered from 1, as
 * if the ledger had claimed those tickets itself; its end is dated by the newest ticket's
 * `expire_at`. Keys are found through their key documents (claims write them).
 */
export class FirestoreRateLimitScopeData implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {}

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for await (const doc of documentsOf(this.fs.scoped(scope, POLICIES_COLLECTION))) {
      yield policyRecord(readPolicy(doc.data()));
    }
    for await (const doc of documentsOf(this.fs.scoped(scope, KEYS_COLLECTION))) {
      const window = await this.window(doc.ref, readKey(doc.data()));
      const record = window === null ? null : windowRecord(window);
      if (record !== null) yield record;
    }
  }

  async importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const policies = this.fs.scoped(scope, POLICIES_COLLECTION);
    const withScope = withScopeFields(scope);
    await setDocuments(
      policies,
      importedPolicies(records).map((p) => [policies.doc(p.action), withScope(p)] as const),
    );
    for (const window of importedWindows(records)) await this.importWindow(scope, window);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.fs, tenantId, env, [POLICIES_COLLECTION, KEYS_COLLECTION]);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteCollections(
      [this.fs.scoped(scope, POLICIES_COLLECTION), this.fs.scoped(scope, KEYS_COLLECTION)],
      ['tickets'],
    );
  }

  /** A key's tickets as a window (null when it has none). */
  private async window(
    key: DocumentReference,
    fields: { action: string; subject: string },
  ): Promise<RateLimitWindow | null> {
    const entries: RateLimitWindow['entries'] = [];
    let end = 0;
    for await (const doc of documentsOf(key.collection('tickets'))) {
      const ticket = readStoredTicket(doc.data());
      entries.push({ at_us: ticket.ts, cost: ticket.cost });
      end = windowEndMs(ticket.expire_at);
    }
    if (entries.length === 0) return null;
    return { ...fields, expires_at: new Date(end).toISOString(), entries };
  }

  /** Replaces the key's tickets with the window's entries, numbered from 1. */
  private async importWindow(scope: Scope, window: RateLimitWindow): Promise<void> {
    const key = this.fs.scoped(scope, KEYS_COLLECTION).doc(windowId(window.action, window.subject));
    const tickets: CollectionReference = key.collection('tickets');
    await deleteCollections([tickets]);
    const newest = window.entries.at(-1);
    if (newest === undefined) return;
    // The window the newest entry was allowed in, so its ticket dates the same end.
    const windowUs = Math.max(0, Date.parse(window.expires_at) * 1000 - newest.at_us);
    // Every ticket names the key document's one expiry, which outlives them all.
    const until = keyUntil(null, newest.at_us, windowUs);
    let total = 0;
    const documents = window.entries.map((entry, i) => {
      total += entry.cost;
      const ticket: Ticket = {
        n: i + 1,
        ts: entry.at_us,
        cost: entry.cost,
        total,
        key_until: until,
      };
      return [tickets.doc(ticketId(ticket.n)), ticketDocument(ticket, windowUs)] as const;
    });
    const fields = { action: window.action, subject: window.subject, ...scopeFields(scope) };
    await setDocuments(tickets, [[key, keyDocument(fields, until)], ...documents]);
  }
}
