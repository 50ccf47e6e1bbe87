import type {
  IdempotencyRecord,
  IdempotencyStore,
} from '../../src/infra/idempotency/idempotency.store';

const HOUR = 60 * 60 * 1000;

function record(over: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  const now = Date.now();
  return {
    fingerprint: 'fp-1',
    state: 'running',
    attempt: 1,
    first_attempt_at: now,
    lease_until: now + 60_000,
    expire_at: now + 24 * HOUR,
    outcome: null,
    ...over,
  };
}

/**
 * The behaviour every IdempotencyStore adapter must have. `make` returns a fresh store (and
 * how to dispose of it); each test uses its own tenant so runs never clash.
 */
export function idempotencyStoreContract(
  make: () => Promise<{ store: IdempotencyStore; close(): Promise<void> }>,
): void {
  let store: IdempotencyStore;
  let close: () => Promise<void>;
  let n = 0;
  const tenant = (): string => `t_idem_${Date.now().toString(36)}_${(n += 1)}`;

  beforeAll(async () => {
    ({ store, close } = await make());
  });
  afterAll(() => close());

  it('claims a key once: a second claim finds the first record', async () => {
    const t = tenant();
    const first = await store.claim(t, 'k', record());
    expect(first).toMatchObject({ claimed: true, record: { attempt: 1, fingerprint: 'fp-1' } });
    const second = await store.claim(t, 'k', record({ fingerprint: 'fp-2' }));
    expect(second.claimed).toBe(false);
    expect(second.record).toEqual(first.record);
  });

  it('lets exactly one of concurrent claims of a key win', async () => {
    const t = tenant();
    const results = await Promise.all([1, 2, 3, 4].map(() => store.claim(t, 'race', record())));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });

  it('keeps keys per tenant', async () => {
    const [a, b] = [tenant(), tenant()];
    expect((await store.claim(a, 'same', record())).claimed).toBe(true);
    expect((await store.claim(b, 'same', record())).claimed).toBe(true);
  });

  it('stores a finished outcome and ignores a stale attempt finishing later', async () => {
    const t = tenant();
    await store.claim(t, 'k', record());
    const outcome = {
      kind: 'response' as const,
      status: 201,
      body: { id: 'x', nested: { list: [1, [2]] } },
      headers: { etag: '"1"' },
    };
    await store.finish(t, 'k', 1, { state: 'done', outcome });
    await store.finish(t, 'k', 0, { state: 'unknown' });
    const found = await store.claim(t, 'k', record());
    expect(found.record).toMatchObject({ state: 'done', attempt: 1, outcome });
  });

  it('lets one taker over an unknown attempt win, and refuses a stale expected attempt', async () => {
    const t = tenant();
    await store.claim(t, 'k', record());
    await store.finish(t, 'k', 1, { state: 'unknown' });
    const next = record({ attempt: 2 });
    const takes = await Promise.all([1, 2, 3].map(() => store.takeOver(t, 'k', 1, next)));
    expect(takes.filter(Boolean)).toHaveLength(1);
    expect(await store.takeOver(t, 'k', 1, record({ attempt: 2 }))).toBe(false);
    expect((await store.claim(t, 'k', record())).record).toMatchObject({
      attempt: 2,
      state: 'running',
    });
  });

  it('forgets a released key so that the next claim is a first attempt again', async () => {
    const t = tenant();
    await store.claim(t, 'k', record());
    await store.release(t, 'k', 7);
    expect((await store.claim(t, 'k', record())).claimed).toBe(false);
    await store.release(t, 'k', 1);
    expect((await store.claim(t, 'k', record({ fingerprint: 'fp-3' }))).claimed).toBe(true);
  });

  it('treats an expired record as absent', async () => {
    const t = tenant();
    await store.claim(t, 'k', record({ expire_at: Date.now() - 1 }));
    const again = await store.claim(t, 'k', record({ fingerprint: 'fp-new' }));
    expect(again.claimed).toBe(true);
    expect(again.record.fingerprint).toBe('fp-new');
  });
}
