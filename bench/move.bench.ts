import { Firestore } from '@google-cloud/firestore';
import type { INestApplication } from '@nestjs/common';
import { firestoreDriver, type FirestoreHandle } from '../src/backends/firestore/firestore.driver';
import type { ScopeData } from '../src/common/scope-data/scope-data';
import { Scope } from '../src/common/scope/scope';
import { FirestoreFeatureFlagsRepository } from '../src/features/feature-flags/adapters/firestore-feature-flags.repository';
import { FirestoreTimelineRepository } from '../src/features/timeline/adapters/firestore-timeline.repository';
import { startFirestoreEmulator } from '../tools/local-servers/firestore-emulator';
import { BENCH_GCP_PROJECT, bootApp } from './app';
import { plainCopy, since, timedMove, type MoveTiming } from './move-measure';
import { seedFlagScopes, seedTimeline } from './move-seed';
import { formatNumber, formatRatio, type Row } from './table';

const TITLE = '6. Moves on the Firestore emulator';
/** Timeline records in the one-scope case (`BENCH_MOVE_RECORDS` for other sizes). */
const RECORDS = Number(process.env.BENCH_MOVE_RECORDS ?? 20_000);
/**
 * Project scopes in the feature_flags case (`BENCH_MOVE_SCOPES` for other sizes). Every scope
 * costs a few emulator round trips of ≈ 10 ms each (scopesHeld, the target-empty check, export,
 * import, the verification), so 20,000 scopes would take many minutes; 300 keep the run short
 * and the notes give the per-scope cost to scale by.
 */
const SCOPES = Number(process.env.BENCH_MOVE_SCOPES ?? 300);
/** The settle wait after freezing (the default is 3000 ms; one instance needs little). */
const SETTLE_MS = 200;

/** One kind moved from `t_system`'s Firestore route (prefix `bench`) to the tenant's own. */
interface MoveCase {
  name: string;
  kind: string;
  tenant: string;
  /** Null: a tenant-wide move (the tenant scope plus every project scope held). */
  projectId: string | null;
  adapter: (fs: FirestoreHandle) => ScopeData;
  /** Records written by {@link MoveCase.seed}. */
  records: number;
  /** Writes the records; resolves with the scopes they are at. */
  seed: (fs: FirestoreHandle) => Promise<Scope[]>;
}

const CASES: MoveCase[] = [
  {
    name: `timeline, one project scope, ${RECORDS.toLocaleString('en-US')} records`,
    kind: 'timeline',
    tenant: 't_mvtimeline',
    projectId: 'p_video',
    adapter: (fs) => new FirestoreTimelineRepository(fs),
    records: RECORDS,
    seed: async (fs) => {
      const scope = Scope.of('t_mvtimeline', 'test', 'p_video');
      await seedTimeline(fs, scope, RECORDS);
      return [scope];
    },
  },
  {
    name: `feature_flags, tenant-wide, ${SCOPES.toLocaleString('en-US')} project scopes × 1 record`,
    kind: 'feature_flags',
    tenant: 't_mvflags',
    projectId: null,
    adapter: (fs) => new FirestoreFeatureFlagsRepository(fs),
    records: SCOPES,
    seed: async (fs) => [
      Scope.of('t_mvflags', 'test', null),
      ...(await seedFlagScopes(fs, 't_mvflags', SCOPES)),
    ],
  },
];

/**
 * Moves of many records on the in-process Firestore emulator through the app's move engine
 * (`MovesService.start`, runner with `MOVE_SETTLE_MS` 200, memory registry store), from
 * `t_system`'s route (prefix `bench`) to the tenant's own route (prefix `moved`), next to a
 * plain export + import of the same scopes into a third prefix (`plain`) in the same run.
 */
export async function benchMoves(step: (name: string) => void): Promise<Row[]> {
  const emulator = await startFirestoreEmulator();
  const db = new Firestore({ projectId: BENCH_GCP_PROJECT, host: emulator.host, ssl: false });
  let app: INestApplication | null = null;
  const handle = (prefix: string): FirestoreHandle =>
    firestoreDriver.handle(
      { client: db, close: () => db.terminate() },
      {
        collection_prefix: prefix,
      },
    );
  try {
    app = await bootApp({
      featureFlags: 'firestore',
      firestoreKinds: CASES.map((c) => c.kind),
      firestoreHost: emulator.host,
      environment: { MOVE_SETTLE_MS: String(SETTLE_MS) },
    });
    const rows: Row[] = [];
    for (const c of CASES) {
      let start = performance.now();
      const scopes = await c.seed(handle('bench'));
      step(`6. ${c.kind}: seeded ${c.records} records in ${(since(start) / 1000).toFixed(1)} s`);
      const source = c.adapter(handle('bench'));
      start = performance.now();
      const held = await source.scopesHeld(c.tenant, 'test');
      const heldMs = since(start);
      const plain = await plainCopy(source, c.adapter(handle('plain')), scopes);
      step(`6. ${c.kind}: plain export+import ${(plain.ms / 1000).toFixed(1)} s; moving`);
      const timing = await timedMove(app, {
        resource_kind: c.kind,
        tenant_id: c.tenant,
        env: 'test',
        project_id: c.projectId,
        backend_type: 'firestore',
        config: { project_id: BENCH_GCP_PROJECT, collection_prefix: 'moved' },
        reason: 'bench',
        actor: 'u_bench',
      });
      step(`6. ${c.kind}: moved in ${(timing.totalMs / 1000).toFixed(1)} s`);
      rows.push(...caseRows(c, plain, timing, { held: held.length, heldMs }));
    }
    return rows;
  } finally {
    await app?.close();
    await db.terminate();
    await emulator.stop();
  }
}

function caseRows(
  c: MoveCase,
  plain: { records: number; ms: number },
  t: MoveTiming,
  scan: { held: number; heldMs: number },
): Row[] {
  const records = t.move.records_copied;
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const perRecord = (ms: number, n: number): Pick<Row, 'median' | 'opsPerSec' | 'spread'> => ({
    median: formatNumber((ms * 1e6) / n),
    opsPerSec: formatNumber(n / (ms / 1000)),
    spread: '— (one run)',
  });
  const scopes = t.move.scopes.length;
  const shape = `${records.toLocaleString('en-US')} records in ${scopes.toLocaleString('en-US')} scope${scopes === 1 ? '' : 's'}`;
  const perScope = (ms: number): string => `${(ms / scopes).toFixed(1)} ms per scope`;
  const scanNote =
    c.projectId === null
      ? `; scopesHeld on the source alone (listDocuments + one query per scope document) ${s(scan.heldMs)} for ${scan.held.toLocaleString('en-US')} scopes (${perScope(scan.heldMs)})`
      : '';
  // The emulator ignores `__name__` in orderBy/where, so a keyset export (documentsOf) stops
  // after the first page of a collection; both sides of the verification read it the same way.
  const shortfall =
    records === c.records
      ? ''
      : `; ONLY ${records.toLocaleString('en-US')} OF ${c.records.toLocaleString('en-US')} SEEDED RECORDS MOVED (the emulator ignores \`__name__\` in orderBy/where, so exports stop after the first 500 documents of a collection) and the verification passed`;
  return [
    {
      measurement: TITLE,
      case: `${c.name}: plain export + import (baseline)`,
      ...perRecord(plain.ms, plain.records),
      ratio: '1.00×',
      notes: `${shape}; ScopeData export from the source prefix, import into a third prefix in batches of 500, scope after scope, no move machinery; ${s(plain.ms)}${c.projectId === null ? ` (${perScope(plain.ms)})` : ''}; in-process Node emulator${scanNote}${shortfall}`,
    },
    {
      measurement: TITLE,
      case: `${c.name}: move, copy phase`,
      ...perRecord(t.copyMs, records),
      ratio: formatRatio(t.copyMs / plain.ms, 'plain'),
      notes: `same records through MovesService (progress saved at most once a second); start to done ${s(t.totalMs)}: start (checks${c.projectId === null ? ', scopesHeld, target empty per scope' : ''}) ${s(t.planMs)}, copy ${s(t.copyMs)}, verify (target exported, SHA-256 per record against the digests taken during the copy) ${s(t.verifyMs)}, switch ${s(t.switchMs)}${c.projectId === null ? `; ${perScope(t.totalMs)} in all` : ''}`,
    },
    {
      measurement: TITLE,
      case: `${c.name}: move, whole freeze`,
      ...perRecord(t.freezeToEndMs, records),
      ratio: formatRatio(t.freezeToEndMs / plain.ms, 'plain'),
      notes: `writes refused from frozen_at to finished_at: ${s(t.freezeToEndMs)} (to switched_at ${s(t.freezeToSwitchMs)}), MOVE_SETTLE_MS ${SETTLE_MS}; the move record is ${formatNumber(t.recordBytes / 1024)} KiB as JSON, saved whole at each progress save`,
    },
  ];
}
