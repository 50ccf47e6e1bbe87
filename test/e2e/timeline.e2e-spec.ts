import type TestAgent from 'supertest/lib/agent';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

type Headers = Record<string, string>;
interface Rec {
  id: string;
  version: number;
  start_ms: number;
  [field: string]: unknown;
}

/** Builds project → sequence → track (+ clips) over HTTP and returns their records. */
async function buildTree(
  http: TestAgent,
  h: Headers,
  clips: { start_ms: number; length: number }[] = [],
) {
  const project = (
    await http.post('/timeline/projects').set(h).send({ name: 'Trailer' }).expect(201)
  ).body as Rec;
  const sequence = (
    await http
      .post(`/timeline/projects/${project.id}/sequences`)
      .set(h)
      .send({ name: 'Main', fps: 25 })
      .expect(201)
  ).body as Rec;
  const track = (
    await http
      .post(`/timeline/sequences/${sequence.id}/tracks`)
      .set(h)
      .send({ name: 'V1', kind: 'video' })
      .expect(201)
  ).body as Rec;
  const made: Rec[] = [];
  for (const c of clips) {
    const res = await http
      .post(`/timeline/tracks/${track.id}/clips`)
      .set(h)
      .send({ asset_id: 'asset_1', in_ms: 0, out_ms: c.length, start_ms: c.start_ms })
      .expect(201);
    made.push(res.body as Rec);
  }
  return { project, sequence, track, clips: made };
}

describe('timeline over HTTP (memory backend)', () => {
  let t: TestApp;
  const h = (over: Parameters<typeof scopedHeaders>[0] = {}): Headers =>
    scopedHeaders({ role: 'member', tenant: 't_tl', ...over });
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('builds a project tree whose parents list their children', async () => {
    const { project, sequence, track } = await buildTree(t.http, h());
    expect(sequence).toMatchObject({
      timeline_project_id: project.id,
      fps: 25,
      width: 1920,
      height: 1080,
      version: 1,
    });
    expect(
      (await t.http.get(`/timeline/projects/${project.id}`).set(h()).expect(200)).body.sequence_ids,
    ).toEqual([sequence.id]);
    expect(
      (await t.http.get(`/timeline/sequences/${sequence.id}`).set(h()).expect(200)).body.track_ids,
    ).toEqual([track.id]);
    const seqs = await t.http
      .get(`/timeline/projects/${project.id}/sequences`)
      .set(h())
      .expect(200);
    expect(seqs.body).toEqual({
      items: [{ ...sequence, track_ids: [track.id] }],
      next_cursor: null,
    });
    const tracks = await t.http
      .get(`/timeline/sequences/${sequence.id}/tracks`)
      .set(h())
      .expect(200);
    expect(tracks.body.items).toEqual([track]);
  });

  it('lists clips in timeline order, page by page', async () => {
    const { track, clips } = await buildTree(t.http, h(), [
      { start_ms: 2000, length: 500 },
      { start_ms: 0, length: 1000 },
      { start_ms: 1000, length: 1000 },
    ]);
    const first = await t.http
      .get(`/timeline/tracks/${track.id}/clips?limit=2`)
      .set(h())
      .expect(200);
    expect((first.body.items as Rec[]).map((c) => c.start_ms)).toEqual([0, 1000]);
    const rest = await t.http
      .get(`/timeline/tracks/${track.id}/clips?limit=2&cursor=${first.body.next_cursor as string}`)
      .set(h())
      .expect(200);
    expect(rest.body).toEqual({ items: [clips[0]], next_cursor: null });
  });

  it('trims with ripple, splits and moves, answering every clip it changed', async () => {
    const { sequence, track, clips } = await buildTree(t.http, h(), [
      { start_ms: 0, length: 1000 },
      { start_ms: 1000, length: 1000 },
    ]);
    const [a, b] = clips as [Rec, Rec];
    const trim = await t.http
      .post(`/timeline/clips/${a.id}/trim`)
      .set(h())
      .send({ in_ms: 200, ripple: true })
      .expect(200);
    expect(trim.body.clip).toMatchObject({ in_ms: 200, out_ms: 1000, start_ms: 0, version: 2 });
    expect(trim.body.shifted).toEqual([
      expect.objectContaining({ id: b.id, start_ms: 800, version: 2 }),
    ]);
    const split = await t.http
      .post(`/timeline/clips/${b.id}/split`)
      .set(h())
      .send({ at_ms: 1300 })
      .expect(200);
    expect(split.body.left).toMatchObject({ id: b.id, in_ms: 0, out_ms: 500, start_ms: 800 });
    expect(split.body.right).toMatchObject({
      in_ms: 500,
      out_ms: 1000,
      start_ms: 1300,
      track_id: track.id,
    });
    const edge = await t.http
      .post(`/timeline/clips/${b.id}/split`)
      .set(h())
      .send({ at_ms: 800 })
      .expect(400);
    expect(edge.body.error.details.fields[0].field).toBe('at_ms');
    const v2 = (
      await t.http
        .post(`/timeline/sequences/${sequence.id}/tracks`)
        .set(h())
        .send({ name: 'V2', kind: 'video' })
        .expect(201)
    ).body as Rec;
    const move = await t.http
      .post(`/timeline/clips/${a.id}/move`)
      .set(h())
      .send({ start_ms: 5000, track_id: v2.id, ripple: true })
      .expect(200);
    expect(move.body.clip).toMatchObject({ track_id: v2.id, start_ms: 5000 });
    expect((move.body.shifted as Rec[]).map((c) => c.start_ms).sort()).toEqual([0, 500]);
    expect(
      (await t.http.get(`/timeline/tracks/${v2.id}`).set(h()).expect(200)).body.clip_ids,
    ).toEqual([a.id]);
  });

  it('deletes only empty parents (409 timeline.has_children) and keeps the lists in step', async () => {
    const { project, sequence, track, clips } = await buildTree(t.http, h(), [
      { start_ms: 0, length: 1000 },
    ]);
    const refused = await t.http.delete(`/timeline/projects/${project.id}`).set(h()).expect(409);
    expect(refused.body.error).toMatchObject({
      code: 'timeline.has_children',
      details: { children: { sequences: 1 } },
    });
    await t.http.delete(`/timeline/tracks/${track.id}`).set(h()).expect(409);
    const transition = (
      await t.http
        .post(`/timeline/sequences/${sequence.id}/transitions`)
        .set(h())
        .send({ type: 'dip_to_white', duration_ms: 250, to_clip_id: clips[0]?.id })
        .expect(201)
    ).body as Rec;
    const inUse = await t.http.delete(`/timeline/clips/${clips[0]?.id}`).set(h()).expect(409);
    expect(inUse.body.error).toMatchObject({
      code: 'timeline.clip_in_use',
      details: { transition_ids: [transition.id] },
    });
    await t.http.delete(`/timeline/transitions/${transition.id}`).set(h()).expect(204);
    await t.http.delete(`/timeline/clips/${clips[0]?.id}`).set(h()).expect(204);
    await t.http.delete(`/timeline/tracks/${track.id}`).set(h()).expect(204);
    expect(
      (await t.http.get(`/timeline/sequences/${sequence.id}`).set(h()).expect(200)).body,
    ).toMatchObject({ track_ids: [], transition_ids: [] });
    await t.http.delete(`/timeline/sequences/${sequence.id}`).set(h()).expect(204);
    expect(
      (await t.http.get(`/timeline/projects/${project.id}`).set(h()).expect(200)).body.sequence_ids,
    ).toEqual([]);
    await t.http.delete(`/timeline/projects/${project.id}`).set(h()).expect(204);
    const gone = await t.http.get(`/timeline/projects/${project.id}`).set(h()).expect(404);
    expect(gone.body.error.code).toBe('timeline.not_found');
  });

  it('patches with If-Match: ETag is the version, a stale one is 409 timeline.version_conflict', async () => {
    const { clips } = await buildTree(t.http, h(), [{ start_ms: 0, length: 1000 }]);
    const id = clips[0]?.id as string;
    const read = await t.http.get(`/timeline/clips/${id}`).set(h()).expect(200);
    expect(read.headers.etag).toBe('"1"');
    const patched = await t.http
      .patch(`/timeline/clips/${id}`)
      .set(h())
      .set('If-Match', '"1"')
      .send({ volume_db: -12, blend_mode: 'multiply' })
      .expect(200);
    expect(patched.body).toMatchObject({ volume_db: -12, blend_mode: 'multiply', version: 2 });
    const stale = await t.http
      .patch(`/timeline/clips/${id}`)
      .set(h())
      .set('If-Match', '"1"')
      .send({ opacity: 0.1 })
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'timeline.version_conflict',
      details: { current_version: 2 },
    });
    await t.http.delete(`/timeline/clips/${id}`).set(h()).set('If-Match', '"1"').expect(409);
  });

  it('refuses bad input with 400 validation.failed naming the fields', async () => {
    const { sequence, track } = await buildTree(t.http, h());
    const fieldsOf = (body: { error: { details: { fields: { field: string }[] } } }) =>
      body.error.details.fields.map((f) => f.field).sort();
    const clip = await t.http
      .post(`/timeline/tracks/${track.id}/clips`)
      .set(h())
      .send({ asset_id: 'a', in_ms: -1, out_ms: 1.5, start_ms: 0, speed: 0, extra: true })
      .expect(400);
    expect(fieldsOf(clip.body)).toEqual(['extra', 'in_ms', 'out_ms', 'speed']);
    const order = await t.http
      .post(`/timeline/tracks/${track.id}/clips`)
      .set(h())
      .send({ asset_id: 'a', in_ms: 500, out_ms: 500, start_ms: 0 })
      .expect(400);
    expect(order.body.error.message).toMatch(/out_ms \(500\) must be greater than in_ms \(500\)/);
    const transition = await t.http
      .post(`/timeline/sequences/${sequence.id}/transitions`)
      .set(h())
      .send({ type: 'spin', duration_ms: 0 })
      .expect(400);
    expect(fieldsOf(transition.body)).toEqual(['duration_ms', 'type']);
    const nullName = await t.http
      .patch(`/timeline/tracks/${track.id}`)
      .set(h())
      .send({ name: null })
      .expect(400);
    expect(fieldsOf(nullName.body)).toEqual(['name']);
    await t.http.get('/timeline/clips/not-an-id').set(h()).expect(400);
  });

  it('lets viewers read but not write', async () => {
    const { project } = await buildTree(t.http, h());
    const viewer = h({ role: 'viewer' });
    await t.http.get(`/timeline/projects/${project.id}`).set(viewer).expect(200);
    const res = await t.http
      .post(`/timeline/projects/${project.id}/sequences`)
      .set(viewer)
      .send({ name: 'x' })
      .expect(403);
    expect(res.body.error.code).toBe('auth.insufficient_role');
  });

  it('keeps tenants and projects apart: records are 404 from elsewhere', async () => {
    const { project, sequence, track, clips } = await buildTree(t.http, h({ tenant: 't_tl_a' }), [
      { start_ms: 0, length: 1000 },
    ]);
    for (const other of [h({ tenant: 't_tl_b' }), h({ tenant: 't_tl_a', project: 'p_other' })]) {
      for (const path of [
        `/timeline/projects/${project.id}`,
        `/timeline/sequences/${sequence.id}`,
        `/timeline/tracks/${track.id}`,
        `/timeline/clips/${clips[0]?.id}`,
      ]) {
        const res = await t.http.get(path).set(other).expect(404);
        expect(res.body.error.code).toBe('timeline.not_found');
      }
      await t.http
        .post(`/timeline/projects/${project.id}/sequences`)
        .set(other)
        .send({ name: 'intruder' })
        .expect(404);
      await t.http
        .post(`/timeline/clips/${clips[0]?.id}/trim`)
        .set(other)
        .send({ out_ms: 10 })
        .expect(404);
      expect((await t.http.get('/timeline/projects').set(other).expect(200)).body.items).toEqual(
        [],
      );
    }
    expect(
      (
        await t.http
          .get(`/timeline/projects/${project.id}`)
          .set(h({ tenant: 't_tl_a' }))
          .expect(200)
      ).body.sequence_ids,
    ).toEqual([sequence.id]);
  });
});

describe('timeline over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  const h = scopedHeaders({ role: 'member', tenant: 't_tl_durable', project: 'p_film' });
  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it('stores the tree under the scope with parents listing children, and edits atomically', async () => {
    const { project, sequence, track, clips } = await buildTree(t.http, h, [
      { start_ms: 0, length: 1000 },
      { start_ms: 1000, length: 1000 },
    ]);
    const [a, b] = clips as [Rec, Rec];
    await t.http
      .post(`/timeline/clips/${a.id}/trim`)
      .set(h)
      .send({ out_ms: 600, ripple: true })
      .expect(200);
    const split = await t.http
      .post(`/timeline/clips/${b.id}/split`)
      .set(h)
      .send({ at_ms: 700 })
      .expect(200);
    const listed = await t.http.get(`/timeline/tracks/${track.id}/clips`).set(h).expect(200);
    expect((listed.body.items as Rec[]).map((c) => [c.id, c.start_ms])).toEqual([
      [a.id, 0],
      [b.id, 600],
      [split.body.right.id, 700],
    ]);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      const root = 'tenants/t_tl_durable/envs/test/projects/p_film';
      expect(
        (await db.doc(`${root}/timeline_projects/${project.id}`).get()).get('sequence_ids'),
      ).toEqual([sequence.id]);
      expect(
        (await db.doc(`${root}/timeline_sequences/${sequence.id}`).get()).get('track_ids'),
      ).toEqual([track.id]);
      expect((await db.doc(`${root}/timeline_tracks/${track.id}`).get()).get('clip_ids')).toEqual(
        [a.id, b.id, split.body.right.id].sort(),
      );
    } finally {
      await db.terminate();
    }
    await t.http.delete(`/timeline/sequences/${sequence.id}`).set(h).expect(409);
    await t.http
      .get(`/timeline/sequences/${sequence.id}`)
      .set(scopedHeaders({ tenant: 't_tl_durable', project: 'p_other' }))
      .expect(404);
  });
});
