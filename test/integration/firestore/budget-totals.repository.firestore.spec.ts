import { FirestoreBudgetRepository } from '../../../src/features/budget/adapters/firestore-budget.repository';
import { ShardedCounters } from '../../../src/backends/firestore/sharded-counters';
import { bucketKey } from '../../../src/common/aggregates/time-buckets';
import { newSortableId } from '../../../src/common/ids/sortable-id';
import { Scope } from '../../../src/common/scope/scope';
import { sumDecimals } from '../../../src/features/budget/budget-money';
import { backfillUsageTotals } from '../../../src/features/budget/budget-totals-backfill';
import { spentFrom } from '../../../src/features/budget/budget-totals';
import { usageTotalsSince } from '../../../src/features/budget/budget-window-totals';
import { usageSortKey } from '../../../src/features/budget/budget.types';
import { budgetTotalsContract } from '../../contract/budget-totals.repository.contract';
import { firestoreHandle } from '../../utils/backend-handles';
import { ownFirestoreEmulator } from '../../utils/own-firestore-emulator';

// Thousands of writes: on an emulator of this file's own.
const emulator = ownFirestoreEmulator();

// Emulator gap (docs/firestore-emulator.md): a batch is applied write by write there, so
// "the usage events and their total increments land together or not at all" cannot be
// shown on it; on real Firestore the one batch is atomic. What the emulator does show is
// that concurrent appends over 4 shards per bucket (FieldValue.increment, which it applies
// exactly) add up to a full recount.
describe('FirestoreBudgetRepository running totals (Firestore emulator)', () => {
  budgetTotalsContract(() => {
    const fs = firestoreHandle({ host: emulator.host, collectionPrefix: 'btot' });
    return Promise.resolve({ repo: new FirestoreBudgetRepository(fs), close: fs.close });
  });
});

describe('backfillUsageTotals (Firestore emulator)', () => {
  let fs: ReturnType<typeof firestoreHandle>;
  beforeAll(() => {
    fs = firestoreHandle({ host: emulator.host, collectionPrefix: 'bfill' });
  });
  afterAll(() => fs.close());

  it('adds events stored without totals (before totals were kept) so totals equal a recount', async () => {
    const repo = new FirestoreBudgetRepository(fs);
    const scope = Scope.of('t_backfill', 'test', 'p_web');
    const legacy = Array.from({ length: 1_203 }, (_, i) => ({
      id: newSortableId(Date.parse('2024-05-01T00:00:00.000Z') + i * 600_013),
      provider: 'openai',
      model: 'm',
      surface: i % 2 ? 'web' : 'app',
      app: null,
      tool_id: null,
      tokens_input: i,
      tokens_output: 1,
      cost: `0.${String(i).padStart(10, '0')}`,
      currency: 'USD',
      metadata: {},
      created_at: new Date(Date.parse('2024-05-01T00:00:00.000Z') + i * 600_013).toISOString(),
      created_by: 'u_old',
    }));
    // The ledger as the previous version wrote it: events only, no totals.
    const col = fs.scoped(scope, 'budget_usage');
    for (let i = 0; i < legacy.length; i += 500) {
      const batch = fs.db.batch();
      for (const e of legacy.slice(i, i + 500))
        batch.create(col.doc(e.id), { ...e, sort_key: usageSortKey(e) });
      await batch.commit();
    }
    const since = '2024-05-01T00:00:00.000Z';
    expect((await usageTotalsSince(repo, scope, since)).n).toBeUndefined();
    const cutoff = '2024-06-01T00:00:00.000Z';
    await repo.appendUsage(scope, [{ ...legacy[0]!, id: newSortableId(), created_at: cutoff }]);
    await expect(backfillUsageTotals(repo, scope, cutoff)).resolves.toBe(1_203);
    const totals = await usageTotalsSince(repo, scope, since);
    expect(totals.n).toBe(1_204);
    const all = await repo.listUsage(scope, { since }, { limit: 10_000 });
    expect(spentFrom(totals, { currency: 'USD' })).toBe(sumDecimals(all.map((e) => e.cost)));
  }, 120_000);
});

describe('ShardedCounters closed-bucket cache (Firestore emulator)', () => {
  let fs: ReturnType<typeof firestoreHandle>;
  beforeAll(() => {
    fs = firestoreHandle({ host: emulator.host, collectionPrefix: 'bcache' });
  });
  afterAll(() => fs.close());

  it('reads closed buckets once and open buckets every time; its own writes refresh the cache', async () => {
    const col = fs.scoped(Scope.of('t_cache', 'test', 'p_web'), 'totals');
    const counters = new ShardedCounters(col, 4);
    const write = async (bucket: string, n: number, via = counters): Promise<void> => {
      const batch = fs.db.batch();
      via.add(batch, new Map([[bucket, { n }]]));
      await batch.commit();
    };
    const today = bucketKey('d', new Date().toISOString());
    await write('d|2024-05-01', 1);
    await write(today, 10);
    const all = [{ from: 'd|2024-01-01', to: 'd|~' }];
    expect(await counters.sum(all)).toEqual({ n: 11 });
    // Another writer (a backfill elsewhere) adds to a closed and to the open bucket.
    const other = new ShardedCounters(col, 4);
    await write('d|2024-05-01', 100, other);
    await write(today, 1_000, other);
    expect(await counters.sum(all)).toEqual({ n: 1_011 });
    await write('d|2024-05-02', 5);
    expect(await counters.sum(all)).toEqual({ n: 1_116 });
  });
});

describe('ShardedCounters copy for moves (Firestore emulator)', () => {
  let fs: ReturnType<typeof firestoreHandle>;
  beforeAll(() => {
    fs = firestoreHandle({ host: emulator.host, collectionPrefix: 'bcopy' });
  });
  afterAll(() => fs.close());

  const BUCKETS = ['d|2024-05-01', 'h|2024-05-01T10', 'm|2024-05-01T10:15', 'm|2024-05-01T10:16'];
  const col = (project: string) => fs.scoped(Scope.of('t_copy', 'test', project), 'totals');
  const collect = async (c: ShardedCounters) => {
    const out: [string, Record<string, number>][] = [];
    for await (const bucket of c.buckets()) out.push(bucket);
    return out;
  };
  /** Every shard document of the tree, at every level. */
  const shardDocs = async (root: ReturnType<typeof col>) => {
    const hours = root.doc('d|2024-05-01').collection('hours');
    const minutes = hours.doc('h|2024-05-01T10').collection('minutes');
    const snaps = await Promise.all([root.get(), hours.get(), minutes.get()]);
    return snaps.flatMap((s) => s.docs.map((d) => d.id)).sort();
  };

  it('reads each bucket summed over its shards, parents first; replace sets it exactly, once per bucket; clear empties every level', async () => {
    const source = new ShardedCounters(col('p_src'), 4);
    for (let i = 0; i < 12; i += 1) {
      const batch = fs.db.batch();
      source.add(batch, new Map(BUCKETS.map((b) => [b, { n: 1, x: i }])));
      await batch.commit();
    }
    const exported = await collect(source);
    expect(exported).toEqual(BUCKETS.map((b) => [b, { n: 12, x: 66 }]));

    const target = new ShardedCounters(col('p_dst'), 4);
    await target.replace(exported);
    await target.replace(exported);
    expect(await collect(target)).toEqual(exported);
    expect(await shardDocs(col('p_dst'))).toEqual(BUCKETS.map((b) => `${b}|0`).sort());

    // Replacing over several shards keeps one, and sums read through the cache see it.
    const all = [{ from: 'd|2024-01-01', to: 'd|~' }];
    expect(await source.sum(all)).toEqual({ n: 12, x: 66 });
    await source.replace([['d|2024-05-01', { n: 5 }]]);
    expect(await source.sum(all)).toEqual({ n: 5 });

    await source.clear();
    expect(await collect(source)).toEqual([]);
    expect(await shardDocs(col('p_src'))).toEqual([]);
    expect(await collect(target)).toEqual(exported);
  });
});
