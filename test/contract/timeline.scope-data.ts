import { newSortableId } from '../../src/common/ids/sortable-id';
import type { Scope } from '../../src/common/scope/scope';
import type {
  TimelineRepository,
  TimelineTransaction,
} from '../../src/features/timeline/timeline.repository';
import type {
  Clip,
  Sequence,
  TimelineProject,
  TimelineRecordBase,
  Track,
  Transition,
} from '../../src/features/timeline/timeline.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

const base = (): TimelineRecordBase => {
  const now = new Date().toISOString();
  return { id: newSortableId(), version: 1, created_at: now, created_by: 'u_a', updated_at: now };
};
const project = (name: string): TimelineProject => ({
  ...base(),
  name,
  description: 'cut',
  sequence_ids: [],
});
const sequence = (p: TimelineProject): Sequence => ({
  ...base(),
  timeline_project_id: p.id,
  name: 'Main',
  fps: 29.97,
  width: 1920,
  height: 1080,
  track_ids: [],
  transition_ids: [],
});
const track = (s: Sequence, kind: Track['kind']): Track => ({
  ...base(),
  sequence_id: s.id,
  name: kind,
  kind,
  muted: kind === 'audio',
  clip_ids: [],
});
const clip = (t: Track, start_ms: number): Clip => ({
  ...base(),
  track_id: t.id,
  sequence_id: t.sequence_id,
  asset_id: `asset_${start_ms}`,
  in_ms: 0,
  out_ms: 1000,
  start_ms,
  speed: 1.5,
  volume_db: -6,
  opacity: 0.5,
  blend_mode: 'screen',
});
const required = <T>(value: T | null | undefined): T => {
  if (value === null || value === undefined) throw new Error('seed: a record it wrote is missing');
  return value;
};
const ids = (records: { id: string }[]): string[] => records.map((r) => r.id).sort();

/** One whole project tree, written in one unit as the services would (parents list their children). */
function createTree(tx: TimelineTransaction, name: string): { p: TimelineProject; gone: Clip } {
  const p = project(name);
  const seq = sequence(p);
  const video = track(seq, 'video');
  const audio = track(seq, 'audio');
  const videoClips = [clip(video, 0), clip(video, 667), clip(video, 2000)];
  const audioClips = [clip(audio, 0)];
  const fade: Transition = {
    ...base(),
    sequence_id: seq.id,
    type: 'crossfade',
    duration_ms: 250,
    from_clip_id: videoClips[0]?.id ?? null,
    to_clip_id: videoClips[1]?.id ?? null,
  };
  const fadeOut: Transition = { ...fade, ...base(), type: 'dip_to_black', to_clip_id: null };
  tx.create('project', { ...p, sequence_ids: [seq.id] });
  tx.create('sequence', {
    ...seq,
    track_ids: ids([video, audio]),
    transition_ids: ids([fade, fadeOut]),
  });
  tx.create('track', { ...video, clip_ids: ids(videoClips) });
  tx.create('track', { ...audio, clip_ids: ids(audioClips) });
  for (const c of [...videoClips, ...audioClips]) tx.create('clip', c);
  tx.create('transition', fade);
  tx.create('transition', fadeOut);
  return { p, gone: videoClips[2] as Clip };
}

/** Every record reachable from the projects, children sorted by id (children come in no set order). */
async function tree(repo: TimelineRepository, scope: Scope, projectId: string): Promise<unknown> {
  const byId = <T extends { id: string }>(records: T[]): T[] =>
    [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
  const sequences = byId(await repo.children(scope, 'sequence', projectId));
  return {
    project: await repo.get(scope, 'project', projectId),
    sequences: await Promise.all(
      sequences.map(async (s) => ({
        sequence: await repo.get(scope, 'sequence', s.id),
        transitions: byId(await repo.children(scope, 'transition', s.id)),
        tracks: await Promise.all(
          byId(await repo.children(scope, 'track', s.id)).map(async (t) => ({
            track: t,
            clips: byId(await repo.children(scope, 'clip', t.id)),
          })),
        ),
      })),
    ),
  };
}

/**
 * Timeline for the scope-data round trip: two project trees (sequence, video and audio
 * tracks, clips, transitions), one project renamed (version 2), one clip edited twice
 * (version 3) and one clip deleted with its track's id list shrunk.
 */
export const timelineScopeData: ScopeDataContractOptions<TimelineRepository> = {
  async seed(repo, scope: Scope) {
    const first = await repo.transact(scope, (tx) => Promise.resolve(createTree(tx, 'Trailer')));
    await repo.transact(scope, (tx) => Promise.resolve(createTree(tx, 'Teaser')));
    const now = (): string => new Date().toISOString();
    await repo.transact(scope, async (tx) => {
      const p = required(await tx.get('project', first.p.id));
      tx.put('project', { ...p, name: 'Trailer v2', version: 2, updated_at: now() });
    });
    const kept = (await repo.children(scope, 'clip', first.gone.track_id)).find(
      (c) => c.id !== first.gone.id,
    );
    for (const start_ms of [100, 200])
      await repo.transact(scope, async (tx) => {
        const c = required(await tx.get('clip', required(kept).id));
        tx.put('clip', { ...c, start_ms, version: c.version + 1, updated_at: now() });
      });
    await repo.transact(scope, async (tx) => {
      const t = required(await tx.get('track', first.gone.track_id));
      tx.delete('clip', first.gone.id);
      tx.put('track', { ...t, clip_ids: t.clip_ids.filter((id) => id !== first.gone.id) });
    });
  },
  async read(repo, scope) {
    const projects = await repo.listProjects(scope, { limit: 100 });
    return { projects, trees: await Promise.all(projects.map((p) => tree(repo, scope, p.id))) };
  },
};
