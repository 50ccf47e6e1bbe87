import {
  IdempotencyStore,
  type ClaimResult,
  type IdempotencyRecord,
  type StoredOutcome,
} from './idempotency.store';

/** Dev/test store: one map per process (keys are not shared between instances). */
export class MemoryIdempotencyStore extends IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  claim(tenantId: string, key: string, fresh: IdempotencyRecord): Promise<ClaimResult> {
    const id = JSON.stringify([tenantId, key]);
    const existing = this.records.get(id);
    if (existing !== undefined && existing.expire_at > Date.now()) {
      return Promise.resolve({ claimed: false, record: structuredClone(existing) });
    }
    const attempt = (existing?.attempt ?? 0) + 1;
    const record = { ...structuredClone(fresh), attempt };
    this.records.set(id, record);
    return Promise.resolve({ claimed: true, record: structuredClone(record) });
  }

  takeOver(
    tenantId: string,
    key: string,
    expectedAttempt: number,
    next: IdempotencyRecord,
  ): Promise<boolean> {
    const id = JSON.stringify([tenantId, key]);
    if (this.records.get(id)?.attempt !== expectedAttempt) return Promise.resolve(false);
    this.records.set(id, structuredClone(next));
    return Promise.resolve(true);
  }

  finish(
    tenantId: string,
    key: string,
    attempt: number,
    end: { state: 'done'; outcome: StoredOutcome } | { state: 'unknown' },
  ): Promise<void> {
    const record = this.records.get(JSON.stringify([tenantId, key]));
    if (record?.attempt === attempt) {
      record.state = end.state;
      record.outcome = end.state === 'done' ? structuredClone(end.outcome) : null;
    }
    return Promise.resolve();
  }

  release(tenantId: string, key: string, attempt: number): Promise<void> {
    const id = JSON.stringify([tenantId, key]);
    if (this.records.get(id)?.attempt === attempt) this.records.delete(id);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
