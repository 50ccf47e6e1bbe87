import { createHash } from 'node:crypto';
import { Timestamp, type DocumentData, type Firestore } from '@google-cloud/firestore';
import { isAlreadyExists } from '../../backends/firestore/firestore.driver';
import {
  IdempotencyStore,
  type ClaimResult,
  type IdempotencyRecord,
  type StoredOutcome,
} from './idempotency.store';

/** Top-level collection of the registry's database that holds the keys. */
export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';

/**
 * Keys in the registry's Firestore database, one document per `(tenant, key)` (id: tenant and
 * a hash of the key, so any printable key is a valid id). `expire_at` is a Timestamp so a
 * Firestore TTL policy on it deletes old keys; reads treat an expired record as absent anyway.
 *
 * The first claim is `create()` (exactly one concurrent caller wins, on real Firestore and on
 * the emulator). A takeover also claims by `create()`: of `<doc>~a<attempt>`, so two retries of
 * an abandoned attempt cannot both execute even where transactions are not isolated.
 */
export class FirestoreIdempotencyStore extends IdempotencyStore {
  constructor(private readonly db: Firestore) {
    super();
  }

  async claim(tenantId: string, key: string, fresh: IdempotencyRecord): Promise<ClaimResult> {
    const ref = this.doc(tenantId, key);
    try {
      await ref.create(toDoc({ ...fresh, attempt: 1 }));
      return { claimed: true, record: { ...fresh, attempt: 1 } };
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const data = (await ref.get()).data();
    if (data === undefined) return this.claim(tenantId, key, fresh);
    const existing = fromDoc(data);
    if (existing.expire_at > Date.now()) return { claimed: false, record: existing };
    const next = { ...fresh, attempt: existing.attempt + 1 };
    const taken = await this.takeOver(tenantId, key, existing.attempt, next);
    return taken ? { claimed: true, record: next } : this.claim(tenantId, key, fresh);
  }

  async takeOver(
    tenantId: string,
    key: string,
    expectedAttempt: number,
    next: IdempotencyRecord,
  ): Promise<boolean> {
    const ref = this.doc(tenantId, key);
    try {
      await this.db
        .collection(IDEMPOTENCY_COLLECTION)
        .doc(`${ref.id}~a${next.attempt}`)
        .create({ expire_at: Timestamp.fromMillis(next.expire_at) });
    } catch (err) {
      if (isAlreadyExists(err)) return false;
      throw err;
    }
    return this.db.runTransaction(async (tx) => {
      const data = (await tx.get(ref)).data();
      if (data === undefined || fromDoc(data).attempt !== expectedAttempt) return false;
      tx.set(ref, toDoc(next));
      return true;
    });
  }

  async finish(
    tenantId: string,
    key: string,
    attempt: number,
    end: { state: 'done'; outcome: StoredOutcome } | { state: 'unknown' },
  ): Promise<void> {
    const ref = this.doc(tenantId, key);
    await this.db.runTransaction(async (tx) => {
      const data = (await tx.get(ref)).data();
      if (data === undefined || fromDoc(data).attempt !== attempt) return;
      const outcome = end.state === 'done' ? JSON.stringify(end.outcome) : null;
      tx.update(ref, { state: end.state, outcome_json: outcome });
    });
  }

  async release(tenantId: string, key: string, attempt: number): Promise<void> {
    const ref = this.doc(tenantId, key);
    await this.db.runTransaction(async (tx) => {
      const data = (await tx.get(ref)).data();
      if (data !== undefined && fromDoc(data).attempt === attempt) tx.delete(ref);
    });
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }

  private doc(tenantId: string, key: string) {
    const hash = createHash('sha256').update(key).digest('hex');
    return this.db.collection(IDEMPOTENCY_COLLECTION).doc(`${tenantId}~${hash}`);
  }
}

/** The outcome is stored as JSON text: response bodies may hold values Firestore maps refuse. */
function toDoc(record: IdempotencyRecord): DocumentData {
  return {
    fingerprint: record.fingerprint,
    state: record.state,
    attempt: record.attempt,
    first_attempt_at: record.first_attempt_at,
    lease_until: record.lease_until,
    expire_at: Timestamp.fromMillis(record.expire_at),
    outcome_json: record.outcome === null ? null : JSON.stringify(record.outcome),
  };
}

function fromDoc(data: DocumentData): IdempotencyRecord {
  const outcome = data.outcome_json as string | null | undefined;
  return {
    fingerprint: data.fingerprint as string,
    state: data.state as IdempotencyRecord['state'],
    attempt: data.attempt as number,
    first_attempt_at: data.first_attempt_at as number,
    lease_until: data.lease_until as number,
    expire_at: (data.expire_at as Timestamp).toMillis(),
    outcome: typeof outcome === 'string' ? (JSON.parse(outcome) as StoredOutcome) : null,
  };
}
