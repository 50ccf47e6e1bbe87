import { ValidationFailedError } from '../../common/errors/domain.error';
import { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { InMemoryTimelineRepository } from './adapters/in-memory-timeline.repository';
import { TimelineClipEditsService } from './timeline-clip-edits.service';
import { TimelineClipsService, type ClipInput } from './timeline-clips.service';
import { TimelineProjectsService } from './timeline-projects.service';
import { TimelineSequencesService } from './timeline-sequences.service';
import { TimelineTracksService } from './timeline-tracks.service';
import { TimelineTransitionsService } from './timeline-transitions.service';
import {
  TimelineClipInUseError,
  TimelineHasChildrenError,
  TimelineLimitReachedError,
  TimelineNotFoundError,
  TimelineVersionConflictError,
} from './timeline.errors';
import { TIMELINE_LIMITS } from './timeline.types';

describe('timeline services (in-memory repository)', () => {
  const context = new RequestContext();
  let repo: InMemoryTimelineRepository;
  let s: {
    projects: TimelineProjectsService;
    sequences: TimelineSequencesService;
    tracks: TimelineTracksService;
    clips: TimelineClipsService;
    edits: TimelineClipEditsService;
    transitions: TimelineTransitionsService;
  };

  /** Runs `fn` as a member of t_acme/test/p_web. */
  const run = <T>(fn: () => Promise<T>): Promise<T> =>
    context.run(() => {
      context.establish(
        { subject: 'u_ed', tenants: { t_acme: 'member' }, projects: {}, registryAdmin: false },
        Scope.of('t_acme', 'test', 'p_web'),
      );
      return fn();
    });

  beforeEach(() => {
    repo = new InMemoryTimelineRepository();
    s = {
      projects: new TimelineProjectsService(repo, context),
      sequences: new TimelineSequencesService(repo, context),
      tracks: new TimelineTracksService(repo, context),
      clips: new TimelineClipsService(repo, context),
      edits: new TimelineClipEditsService(repo, context),
      transitions: new TimelineTransitionsService(repo, context),
    };
  });

  /** A project with one sequence and one video track. */
  const tree = () =>
    run(async () => {
      const project = await s.projects.create({ name: 'Trailer' });
      const sequence = await s.sequences.create(project.id, { name: 'Main' });
      const track = await s.tracks.create(sequence.id, { name: 'V1', kind: 'video' });
      return { project, sequence, track };
    });
  const clip = (trackId: string, start_ms: number, length: number, over: Partial<ClipInput> = {}) =>
    run(() =>
      s.clips.create(trackId, { asset_id: 'asset_1', in_ms: 0, out_ms: length, start_ms, ...over }),
    );

  it('keeps the parents’ id lists in step with child creates and deletes', async () => {
    const { project, sequence, track } = await tree();
    const second = await run(() => s.sequences.create(project.id, { name: 'Alt' }));
    expect((await run(() => s.projects.get(project.id))).sequence_ids).toEqual([
      sequence.id,
      second.id,
    ]);
    expect((await run(() => s.sequences.get(sequence.id))).track_ids).toEqual([track.id]);
    await run(() => s.sequences.remove(second.id));
    expect((await run(() => s.projects.get(project.id))).sequence_ids).toEqual([sequence.id]);
    const c = await clip(track.id, 0, 1000);
    expect((await run(() => s.tracks.get(track.id))).clip_ids).toEqual([c.id]);
    await run(() => s.clips.remove(c.id));
    expect((await run(() => s.tracks.get(track.id))).clip_ids).toEqual([]);
  });

  it('refuses to delete a parent that still has children (no cascade)', async () => {
    const { project, sequence, track } = await tree();
    await expect(run(() => s.projects.remove(project.id))).rejects.toBeInstanceOf(
      TimelineHasChildrenError,
    );
    await expect(run(() => s.sequences.remove(sequence.id))).rejects.toThrow(/still has 1 tracks/);
    await clip(track.id, 0, 1000);
    await expect(run(() => s.tracks.remove(track.id))).rejects.toBeInstanceOf(
      TimelineHasChildrenError,
    );
    expect((await run(() => s.sequences.get(sequence.id))).track_ids).toEqual([track.id]);
  });

  it('refuses a child beyond its parent’s limit', async () => {
    const { sequence } = await tree();
    for (let i = 1; i < TIMELINE_LIMITS.tracksPerSequence; i += 1)
      await run(() => s.tracks.create(sequence.id, { name: `T${i}`, kind: 'audio' }));
    await expect(
      run(() => s.tracks.create(sequence.id, { name: 'one too many', kind: 'audio' })),
    ).rejects.toBeInstanceOf(TimelineLimitReachedError);
    expect((await run(() => s.sequences.get(sequence.id))).track_ids).toHaveLength(
      TIMELINE_LIMITS.tracksPerSequence,
    );
  });

  it('creates a child only under an existing parent', async () => {
    await expect(
      run(() => s.sequences.create('01j00000000000000000000000', { name: 'x' })),
    ).rejects.toBeInstanceOf(TimelineNotFoundError);
    expect(
      await repo.children(
        Scope.of('t_acme', 'test', 'p_web'),
        'sequence',
        '01j00000000000000000000000',
      ),
    ).toEqual([]);
  });

  it('validates clip times on create and on the merged result of a PATCH, and honours If-Match', async () => {
    const { track } = await tree();
    await expect(clip(track.id, 0, 0)).rejects.toBeInstanceOf(ValidationFailedError);
    const c = await clip(track.id, 0, 1000);
    await expect(run(() => s.clips.update(c.id, { in_ms: 1000 }))).rejects.toThrow(
      /out_ms \(1000\) must be greater than in_ms \(1000\)/,
    );
    await expect(run(() => s.clips.update(c.id, { opacity: 0.5 }, 1))).resolves.toMatchObject({
      opacity: 0.5,
      version: 2,
    });
    await expect(run(() => s.clips.update(c.id, { opacity: 0.2 }, 1))).rejects.toBeInstanceOf(
      TimelineVersionConflictError,
    );
  });

  it('ripple-trims: later clips shift in the same unit and each gets a new version', async () => {
    const { track } = await tree();
    const a = await clip(track.id, 0, 1000);
    const b = await clip(track.id, 1000, 1000);
    const result = await run(() => s.edits.trim(a.id, { out_ms: 400, ripple: true }));
    expect(result.clip).toMatchObject({ out_ms: 400, version: 2 });
    expect(result.shifted).toEqual([
      expect.objectContaining({ id: b.id, start_ms: 400, version: 2 }),
    ]);
    expect((await run(() => s.clips.get(b.id))).start_ms).toBe(400);
    await expect(run(() => s.edits.trim(a.id, {}))).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('splits into two clips, keeps the track list in step and re-points outgoing transitions', async () => {
    const { sequence, track } = await tree();
    const a = await clip(track.id, 0, 1000);
    const b = await clip(track.id, 1000, 1000);
    const t = await run(() =>
      s.transitions.create(sequence.id, {
        type: 'crossfade',
        duration_ms: 200,
        from_clip_id: a.id,
        to_clip_id: b.id,
      }),
    );
    const { left, right } = await run(() => s.edits.split(a.id, 600));
    expect(left).toMatchObject({ id: a.id, out_ms: 600, start_ms: 0 });
    expect(right).toMatchObject({
      in_ms: 600,
      out_ms: 1000,
      start_ms: 600,
      track_id: track.id,
      version: 1,
    });
    expect((await run(() => s.tracks.get(track.id))).clip_ids).toEqual(
      [a.id, b.id, right.id].sort(),
    );
    expect(await run(() => s.transitions.get(t.id))).toMatchObject({
      from_clip_id: right.id,
      to_clip_id: b.id,
      version: 2,
    });
  });

  it('refuses to delete a clip a transition uses', async () => {
    const { sequence, track } = await tree();
    const a = await clip(track.id, 0, 1000);
    const t = await run(() =>
      s.transitions.create(sequence.id, {
        type: 'dip_to_black',
        duration_ms: 500,
        to_clip_id: a.id,
      }),
    );
    await expect(run(() => s.clips.remove(a.id))).rejects.toBeInstanceOf(TimelineClipInUseError);
    await run(() => s.transitions.remove(t.id));
    await run(() => s.clips.remove(a.id));
    expect((await run(() => s.sequences.get(sequence.id))).transition_ids).toEqual([]);
  });

  it('refuses transitions that join no clip, one clip to itself, or a clip of another sequence', async () => {
    const { project, sequence, track } = await tree();
    const a = await clip(track.id, 0, 1000);
    const other = await run(() => s.sequences.create(project.id, { name: 'Other' }));
    const create = (from_clip_id: string | null, to_clip_id: string | null, seq = sequence.id) =>
      run(() =>
        s.transitions.create(seq, {
          type: 'wipe_left',
          duration_ms: 100,
          from_clip_id,
          to_clip_id,
        }),
      );
    await expect(create(null, null)).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(create(a.id, a.id)).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(create(a.id, null, other.id)).rejects.toThrow(/is not a clip of sequence/);
  });

  it('moves a clip to another track of its sequence, rippling both tracks; never across sequences', async () => {
    const { project, sequence, track } = await tree();
    const v2 = await run(() => s.tracks.create(sequence.id, { name: 'V2', kind: 'video' }));
    const a = await clip(track.id, 0, 1000);
    const b = await clip(track.id, 1000, 500);
    const x = await clip(v2.id, 0, 300);
    const moved = await run(() =>
      s.edits.move(a.id, { start_ms: 0, track_id: v2.id, ripple: true }),
    );
    expect(moved.clip).toMatchObject({ track_id: v2.id, start_ms: 0, version: 2 });
    expect(moved.shifted.map((c) => [c.id, c.start_ms]).sort()).toEqual(
      [
        [b.id, 0],
        [x.id, 1000],
      ].sort(),
    );
    expect((await run(() => s.tracks.get(track.id))).clip_ids).toEqual([b.id]);
    expect((await run(() => s.tracks.get(v2.id))).clip_ids).toEqual([a.id, x.id].sort());
    const elsewhere = await run(() => s.sequences.create(project.id, { name: 'Other' }));
    const foreign = await run(() => s.tracks.create(elsewhere.id, { name: 'F', kind: 'video' }));
    await expect(
      run(() => s.edits.move(a.id, { start_ms: 0, track_id: foreign.id })),
    ).rejects.toThrow(/belongs to another sequence/);
  });
});
