import { Scope } from '../../src/common/scope/scope';
import {
  collectRecords,
  recordDigest,
  sortRecords,
  type ScopeData,
  type ScopeRecord,
} from '../../src/common/scope-data/scope-data';

/** One side of a round trip: how to build a fresh adapter of the kind on some backend. */
export interface ScopeDataSide<R> {
  /** `memory`, `firestore`, `redis`, `s3` (shown in test names). */
  backend: string;
  make(): Promise<{ repo: R & ScopeData; close(): Promise<void> }>;
}

/** What a kind's round trip needs besides its two sides. */
export interface ScopeDataContractOptions<R> {
  /** Writes records through the port at `scope`: some in every collection the kind has (two where it can hold two). */
  seed(repo: R, scope: Scope): Promise<void>;
  /** What the port shows of `scope` (ids, versions, timestamps, bytes): compared after a copy. */
  read(repo: R, scope: Scope): Promise<unknown>;
}

const BATCH = 2;

/** Export → import in small batches (so the batching and record order are exercised). */
async function copyScope(from: ScopeData, to: ScopeData, scope: Scope): Promise<ScopeRecord[]> {
  const records = await collectRecords(from.exportScope(scope));
  for (let i = 0; i < records.length; i += BATCH) {
    await to.importRecords(scope, records.slice(i, i + BATCH));
  }
  return records;
}

/** Records as compared: sorted, bodies as plain byte arrays. */
function comparable(records: readonly ScopeRecord[]): unknown[] {
  return sortRecords(records).map((r) => ({
    ...r,
    body: r.body === undefined ? undefined : Buffer.from(r.body).toString('base64'),
    digest: recordDigest(r),
  }));
}

/**
 * The {@link ScopeData} contract of a kind, from one backend to another: what a move relies
 * on. Export from A → import into B → export from B equals the first export (bodies byte for
 * byte), the port reads the same through B, importing again changes nothing, `scopesHeld`
 * names exactly the scopes written, and `deleteScope` empties one scope only.
 */
export function scopeDataContract<R>(
  from: ScopeDataSide<R>,
  to: ScopeDataSide<R>,
  options: ScopeDataContractOptions<R>,
): void {
  describe(`scope data: ${from.backend} → ${to.backend}`, () => {
    let a: R & ScopeData;
    let b: R & ScopeData;
    const closers: (() => Promise<void>)[] = [];
    let n = 0;
    const tenant = (): string => `t_sd_${Date.now().toString(36)}_${(n += 1)}`;

    beforeAll(async () => {
      const first = await from.make();
      const second = await to.make();
      a = first.repo;
      b = second.repo;
      closers.push(first.close, second.close);
    });
    afterAll(async () => {
      for (const close of closers) await close();
    });

    it('copies a scope record for record: export, import, export again gives the same', async () => {
      const scope = Scope.of(tenant(), 'test', 'p_web');
      await options.seed(a, scope);
      const exported = await copyScope(a, b, scope);
      expect(exported.length).toBeGreaterThan(0);
      const again = await collectRecords(b.exportScope(scope));
      expect(comparable(again)).toEqual(comparable(exported));
      expect(await options.read(b, scope)).toEqual(await options.read(a, scope));
    });

    it('imports idempotently: a second import of the same records leaves one copy', async () => {
      const scope = Scope.of(tenant(), 'test', 'p_web');
      await options.seed(a, scope);
      const exported = await copyScope(a, b, scope);
      await b.importRecords(scope, exported);
      expect(comparable(await collectRecords(b.exportScope(scope)))).toEqual(comparable(exported));
    });

    it('names the scopes that hold records, and deletes one scope only', async () => {
      const t = tenant();
      const project = Scope.of(t, 'test', 'p_one');
      const tenantWide = Scope.of(t, 'test', null);
      await options.seed(a, project);
      await options.seed(a, tenantWide);
      await options.seed(a, Scope.of(tenant(), 'test', 'p_one'));
      const held = (await a.scopesHeld(t, 'test')).map(String).sort();
      expect(held).toEqual([project.toString(), tenantWide.toString()].sort());
      expect(await a.scopesHeld(t, 'prod')).toEqual([]);

      await a.deleteScope(project);
      expect(await collectRecords(a.exportScope(project))).toEqual([]);
      expect((await collectRecords(a.exportScope(tenantWide))).length).toBeGreaterThan(0);
      expect((await a.scopesHeld(t, 'test')).map(String)).toEqual([tenantWide.toString()]);
    });
  });
}
