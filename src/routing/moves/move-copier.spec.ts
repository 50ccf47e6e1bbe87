import { Scope } from '../../common/scope/scope';
import type { ScopeData, ScopeRecord } from '../../common/scope-data/scope-data';
import { compareScope, copyScope, digestScope, MOVE_BATCH } from './move-copier';

/** A ScopeData over a plain list (what the copier sees of any adapter). */
class ListData implements ScopeData {
  readonly records: ScopeRecord[] = [];
  imports = 0;
  // eslint-disable-next-line @typescript-eslint/require-await
  async *exportScope(): AsyncIterable<ScopeRecord> {
    yield* this.records;
  }
  importRecords(_scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    this.imports += 1;
    for (const r of records) {
      const i = this.records.findIndex((x) => x.collection === r.collection && x.id === r.id);
      if (i >= 0) this.records[i] = r;
      else this.records.push(r);
    }
    return Promise.resolve();
  }
  scopesHeld(): Promise<Scope[]> {
    return Promise.resolve([]);
  }
  deleteScope(): Promise<void> {
    this.records.length = 0;
    return Promise.resolve();
  }
}

const scope = Scope.of('t_acme', 'prod', 'p_web');

describe('move copier', () => {
  it('copies in batches, in export order, and reports progress after each batch', async () => {
    const source = new ListData();
    for (let i = 0; i < MOVE_BATCH * 2 + 3; i += 1)
      source.records.push({ collection: 'c', id: String(i).padStart(5, '0'), data: { i } });
    const target = new ListData();
    const seen: number[] = [];
    const total = await copyScope(source, target, scope, 1000, (p) => {
      seen.push(p.records);
      return Promise.resolve();
    });
    expect(total.records).toBe(MOVE_BATCH * 2 + 3);
    expect(seen).toEqual([MOVE_BATCH, MOVE_BATCH * 2, MOVE_BATCH * 2 + 3]);
    expect(target.imports).toBe(3);
    expect(target.records).toEqual(source.records);
    expect(total.digests).toEqual(await digestScope(source, scope));
  });

  it('verification names records that differ, are missing, or are extra; equal sides pass', async () => {
    const source = new ListData();
    source.records.push(
      { collection: 'c', id: 'a', data: { x: 1, y: [1, 2] } },
      { collection: 'c', id: 'b', data: { x: 2 }, body: Uint8Array.from([1, 2, 3]) },
    );
    const same = new ListData();
    // Same content with keys in another order: equal by canonical JSON.
    same.records.push(
      { collection: 'c', id: 'b', data: { x: 2 }, body: Buffer.from([1, 2, 3]) },
      { collection: 'c', id: 'a', data: { y: [1, 2], x: 1 } },
    );
    const expected = await digestScope(source, scope);
    const ok = await compareScope(expected, same, scope, () => Promise.resolve());
    expect(ok).toEqual({ verified: 2, difference: null });

    const bad = new ListData();
    bad.records.push(
      { collection: 'c', id: 'b', data: { x: 2 }, body: Uint8Array.from([1, 2, 4]) },
      { collection: 'c', id: 'z', data: {} },
    );
    const result = await compareScope(expected, bad, scope, () => Promise.resolve());
    expect(result.difference).toEqual({
      source_records: 2,
      target_records: 2,
      differing: ['c/b', 'c/a'],
      extra: ['c/z'],
    });
  });
});
