import type { DocumentData, DocumentReference, Firestore } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../src/backends/firestore/firestore.driver';
import { Scope } from '../src/common/scope/scope';

/** Documents per seed commit (Firestore allows 500) and commits in flight at once. */
const SEED_BATCH = 500;
const SEED_PARALLEL = 8;
const SEEDED_AT = '2025-01-01T00:00:00.000Z';

/**
 * Writes documents straight through the Firestore client (no adapter, no transaction), in
 * parallel 500-document batches: seeding is not what the move benchmark measures.
 */
async function writeAll(
  db: Firestore,
  documents: readonly (readonly [DocumentReference, DocumentData])[],
): Promise<void> {
  const batches: (readonly (readonly [DocumentReference, DocumentData])[])[] = [];
  for (let i = 0; i < documents.length; i += SEED_BATCH)
    batches.push(documents.slice(i, i + SEED_BATCH));
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let b = batches[next++]; b !== undefined; b = batches[next++]) {
      const batch = db.batch();
      for (const [ref, data] of b) batch.set(ref, data);
      await batch.commit();
    }
  };
  await Promise.all(Array.from({ length: SEED_PARALLEL }, worker));
}

/** `p_00000`, `p_00001`, …: the project scopes of the feature_flags case. */
export function benchProjectId(i: number): string {
  return `p_${i.toString().padStart(5, '0')}`;
}

/**
 * One feature_flags document per project scope of `tenant` (`count` projects, nothing at the
 * tenant level), in the shape the Firestore adapter writes: the flags, the revision fields
 * and the scope fields, at `…/projects/{p}/feature_flags/flags`.
 */
export async function seedFlagScopes(
  fs: FirestoreHandle,
  tenant: string,
  count: number,
): Promise<Scope[]> {
  const scopes = Array.from({ length: count }, (_, i) =>
    Scope.of(tenant, 'test', benchProjectId(i)),
  );
  await writeAll(
    fs.db,
    scopes.map((scope, i) => [
      fs.scoped(scope, 'feature_flags').doc('flags'),
      {
        flags: {
          ws_enabled: i % 2 === 0,
          sse_enabled: true,
          gesture_logging: false,
          replay_mode: 'keyframe',
          visibility_mode: 'team',
          custom: { rollout: i % 100, cohort: `c${i % 7}` },
        },
        version: 1 + (i % 3),
        updated_at: SEEDED_AT,
        updated_by: 'u_bench',
        tenant_id: scope.tenantId,
        env: scope.env,
        project_id: scope.projectId,
      },
    ]),
  );
  return scopes;
}

/** Records of one timeline tree: 1 project, 2 sequences of 50 tracks, the rest clips. */
const TIMELINE_TRACKS = 100;
const TIMELINE_FIXED = 1 + 2 + TIMELINE_TRACKS;

/**
 * One video project at `scope` with `records` timeline records in all, stored as the
 * Firestore adapter stores them (the record itself, one flat collection per type): the
 * project, 2 sequences, 100 tracks and `records − 103` clips spread over the tracks.
 */
export async function seedTimeline(
  fs: FirestoreHandle,
  scope: Scope,
  records: number,
): Promise<void> {
  const pad = (n: number, width: number): string => n.toString().padStart(width, '0');
  const base = { version: 1, created_at: SEEDED_AT, created_by: 'u_bench', updated_at: SEEDED_AT };
  const clips = Array.from({ length: records - TIMELINE_FIXED }, (_, i) => ({
    ...base,
    id: `tc_${pad(i, 6)}`,
    track_id: `tt_${pad(i % TIMELINE_TRACKS, 3)}`,
    sequence_id: `ts_${(i % TIMELINE_TRACKS) % 2}`,
    asset_id: `a_${i % 500}`,
    in_ms: 0,
    out_ms: 4000,
    start_ms: Math.floor(i / TIMELINE_TRACKS) * 4000,
    speed: 1,
    volume_db: 0,
    opacity: 1,
    blend_mode: 'normal',
  }));
  const tracks = Array.from({ length: TIMELINE_TRACKS }, (_, t) => ({
    ...base,
    id: `tt_${pad(t, 3)}`,
    sequence_id: `ts_${t % 2}`,
    name: `Track ${t}`,
    kind: t % 4 === 0 ? 'audio' : 'video',
    muted: false,
    clip_ids: clips.filter((c) => c.track_id === `tt_${pad(t, 3)}`).map((c) => c.id),
  }));
  const sequences = [0, 1].map((s) => ({
    ...base,
    id: `ts_${s}`,
    timeline_project_id: 'tp_0',
    name: `Sequence ${s}`,
    fps: 25,
    width: 1920,
    height: 1080,
    track_ids: tracks.filter((t) => t.sequence_id === `ts_${s}`).map((t) => t.id),
    transition_ids: [],
  }));
  const project = {
    ...base,
    id: 'tp_0',
    name: 'Bench project',
    description: '',
    sequence_ids: ['ts_0', 'ts_1'],
  };
  const docs = (collection: string, items: readonly { id: string }[]) =>
    items.map((item) => [fs.scoped(scope, collection).doc(item.id), item] as const);
  await writeAll(fs.db, [
    ...docs('timeline_projects', [project]),
    ...docs('timeline_sequences', sequences),
    ...docs('timeline_tracks', tracks),
    ...docs('timeline_clips', clips),
  ]);
}
