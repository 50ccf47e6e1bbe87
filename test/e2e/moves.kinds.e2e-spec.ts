import { appSeededOn, freshTenant, moveBody, moveDone, readAll } from '../utils/moves';
import { scopedHeaders } from '../utils/scoped-request';

/**
 * Moves of whole tenants (project_id null) for the record kinds: what the API showed before
 * the move (bodies, ids, ETags) it shows after it, and ETags read before still match.
 */
describe('moves of rate_limit: Redis → Firestore → Redis', () => {
  const app = appSeededOn('redis');

  it('keeps policies (ids, versions, ETags) and counters exact across both moves', async () => {
    const t = app();
    const tenant = freshTenant();
    const admin = (project = 'p_web') => scopedHeaders({ tenant, project, role: 'admin' });
    const member = (project = 'p_web') => scopedHeaders({ tenant, project, role: 'member' });
    const putPolicy = (action: string, limit: number, project = 'p_web', ifMatch?: string) => {
      const req = t.http.put(`/rate-limit/policies/${action}`).set(admin(project));
      if (ifMatch) req.set('If-Match', ifMatch);
      return req.send({ limit, window_seconds: 3600 }).expect(200);
    };
    const consume = (action: string, project = 'p_web') =>
      t.http.post('/rate-limit/consume').set(member(project)).send({ action });

    await putPolicy('export.csv', 4);
    await putPolicy('export.csv', 5, 'p_web', '"1"'); // version 2
    await putPolicy('chat:post', 100);
    await putPolicy('login', 2, 'p_api');
    for (let i = 0; i < 3; i += 1) await consume('export.csv').expect(200);
    expect((await consume('login', 'p_api').expect(200)).body.remaining).toBe(1);
    const paths = [
      '/rate-limit/policies',
      '/rate-limit/policies/export.csv',
      '/rate-limit/policies/chat:post',
    ];
    const read = async () => ({
      web: await readAll(t, admin(), paths),
      api: await readAll(t, admin('p_api'), ['/rate-limit/policies', '/rate-limit/policies/login']),
    });
    const before = await read();
    expect(before.web['/rate-limit/policies/export.csv']).toMatchObject({
      status: 200,
      etag: '"2"',
    });

    await moveDone(t, moveBody(t, 'rate_limit', tenant, 'firestore', { collection_prefix: 'rl' }));
    expect(await read()).toEqual(before);
    // 3 of 5 used before the move: one more now, one after the next move, then refused.
    expect((await consume('export.csv').expect(200)).body.remaining).toBe(1);
    expect((await consume('login', 'p_api').expect(200)).body.remaining).toBe(0);
    await putPolicy('chat:post', 50, 'p_web', before.web['/rate-limit/policies/chat:post']?.etag);
    const between = await read();

    await moveDone(t, moveBody(t, 'rate_limit', tenant, 'redis', { key_prefix: 'rl2' }));
    expect(await read()).toEqual(between);
    expect((await consume('export.csv').expect(200)).body.remaining).toBe(0);
    expect((await consume('export.csv').expect(429)).body.error.code).toBe('rate_limit.exceeded');
    await consume('login', 'p_api').expect(429);
    await putPolicy('chat:post', 60, 'p_web', between.web['/rate-limit/policies/chat:post']?.etag);
  });
});

describe('moves of strategy_lock: Firestore → Firestore (prefix sl)', () => {
  const app = appSeededOn('firestore');

  it('keeps every lock (status, deciders, versions, ETags) and check answers', async () => {
    const t = app();
    const tenant = freshTenant();
    const as = (sub: string, role: 'admin' | 'member' = 'admin', project = 'p_web') =>
      scopedHeaders({ tenant, project, sub, role });
    const draft = (surface: string) => ({
      scope: 'campaign',
      title: `Launch ${surface}`,
      allowed_actions: ['builder:publish_page'],
      valid_until: new Date(Date.now() + 3_600_000).toISOString(),
      surface,
    });
    const create = async (surface: string, project = 'p_web') =>
      (
        await t.http
          .post('/strategy-locks')
          .set(as('u_alice', 'admin', project))
          .send(draft(surface))
          .expect(201)
      ).body as { id: string };
    const edited = await create('web');
    await t.http
      .patch(`/strategy-locks/${edited.id}`)
      .set(as('u_alice'))
      .set('If-Match', '"1"')
      .send({ title: 'Renamed' })
      .expect(200);
    const approved = await create('shop');
    await t.http.post(`/strategy-locks/${approved.id}/approve`).set(as('u_bob')).expect(200);
    const rejected = await create('blog');
    await t.http.post(`/strategy-locks/${rejected.id}/reject`).set(as('u_bob')).expect(200);
    const other = await create('app', 'p_api');
    const read = async () => ({
      web: await readAll(t, as('u_dave', 'member'), [
        '/strategy-locks',
        '/strategy-locks?status=approved',
        '/strategy-locks/check?action=builder:publish_page&surface=shop',
        ...[edited, approved, rejected].map((l) => `/strategy-locks/${l.id}`),
      ]),
      api: await readAll(t, as('u_dave', 'member', 'p_api'), [
        '/strategy-locks',
        `/strategy-locks/${other.id}`,
      ]),
    });
    const before = await read();
    expect(before.web[`/strategy-locks/${edited.id}`]?.etag).toBe('"2"');

    await moveDone(
      t,
      moveBody(t, 'strategy_lock', tenant, 'firestore', { collection_prefix: 'sl' }),
    );
    expect(await read()).toEqual(before);
    const patched = await t.http
      .patch(`/strategy-locks/${edited.id}`)
      .set(as('u_alice'))
      .set('If-Match', before.web[`/strategy-locks/${edited.id}`]?.etag as string)
      .send({ title: 'After the move' })
      .expect(200);
    expect(patched.headers.etag).toBe('"3"');
  });
});

describe('moves of timeline: Firestore → Firestore (prefix tl)', () => {
  const app = appSeededOn('firestore');

  it('keeps projects, sequences, tracks, clips and transitions with their ids, order and ETags', async () => {
    const t = app();
    const h = scopedHeaders({ tenant: freshTenant(), role: 'member' });
    const post = async (path: string, body: Record<string, unknown>, status = 201) =>
      (await t.http.post(path).set(h).send(body).expect(status)).body as { id: string };
    const project = await post('/timeline/projects', { name: 'Trailer' });
    const sequence = await post(`/timeline/projects/${project.id}/sequences`, {
      name: 'Main',
      fps: 25,
    });
    const tracks = [
      await post(`/timeline/sequences/${sequence.id}/tracks`, { name: 'V1', kind: 'video' }),
      await post(`/timeline/sequences/${sequence.id}/tracks`, { name: 'A1', kind: 'audio' }),
    ];
    const clips = [];
    for (const [track, start] of [
      [tracks[0], 2000],
      [tracks[0], 0],
      [tracks[1], 0],
    ] as const)
      clips.push(
        await post(`/timeline/tracks/${track?.id}/clips`, {
          asset_id: 'asset_1',
          in_ms: 0,
          out_ms: 1000,
          start_ms: start,
        }),
      );
    await post(`/timeline/clips/${clips[1]?.id}/trim`, { out_ms: 800, ripple: true }, 200);
    await t.http
      .patch(`/timeline/clips/${clips[2]?.id}`)
      .set(h)
      .set('If-Match', '"1"')
      .send({ volume_db: -6 })
      .expect(200);
    const transition = await post(`/timeline/sequences/${sequence.id}/transitions`, {
      type: 'dip_to_white',
      duration_ms: 250,
      to_clip_id: clips[0]?.id,
    });
    const paths = [
      '/timeline/projects',
      `/timeline/projects/${project.id}`,
      `/timeline/projects/${project.id}/sequences`,
      `/timeline/sequences/${sequence.id}`,
      `/timeline/sequences/${sequence.id}/tracks`,
      `/timeline/sequences/${sequence.id}/transitions`,
      `/timeline/transitions/${transition.id}`,
      ...tracks.flatMap((tr) => [`/timeline/tracks/${tr.id}`, `/timeline/tracks/${tr.id}/clips`]),
      ...clips.map((c) => `/timeline/clips/${c.id}`),
    ];
    const before = await readAll(t, h, paths);
    expect(before[`/timeline/clips/${clips[2]?.id}`]).toMatchObject({ status: 200, etag: '"2"' });

    await moveDone(
      t,
      moveBody(t, 'timeline', h['X-Tenant-Id'] as string, 'firestore', {
        collection_prefix: 'tl',
      }),
    );
    expect(await readAll(t, h, paths)).toEqual(before);
    for (const path of [
      `/timeline/clips/${clips[2]?.id}`,
      `/timeline/transitions/${transition.id}`,
    ])
      await t.http
        .patch(path)
        .set(h)
        .set('If-Match', before[path]?.etag as string)
        .send(path.includes('clips') ? { volume_db: -3 } : { duration_ms: 300 })
        .expect(200);
  });
});

describe('moves of maybes: Firestore → Firestore (prefix mb)', () => {
  const app = appSeededOn('firestore');

  it('keeps items (pinned, archived, tags, versions, ETags) and their search', async () => {
    const t = app();
    const tenant = freshTenant();
    const h = (project = 'p_web') => scopedHeaders({ tenant, project, role: 'member' });
    const create = async (body: Record<string, unknown>, project = 'p_web') =>
      (await t.http.post('/maybes/items').set(h(project)).send(body).expect(201)).body.id as string;
    const ids = [
      await create({ title: 'Kafka idea', tags: ['infra'] }),
      await create({ title: 'Pin me', body: 'later' }),
      await create({ title: 'Old', tags: ['x', 'y'] }),
    ];
    await t.http
      .patch(`/maybes/items/${ids[1]}`)
      .set(h())
      .set('If-Match', '"1"')
      .send({ pinned: true })
      .expect(200);
    await t.http.patch(`/maybes/items/${ids[2]}`).set(h()).send({ archived: true }).expect(200);
    const other = await create({ title: 'Elsewhere' }, 'p_api');
    const read = async () => ({
      web: await readAll(t, h(), [
        '/maybes/items',
        '/maybes/items?q=kafka',
        '/maybes/items?pinned=true',
        ...ids.map((id) => `/maybes/items/${id}`),
      ]),
      api: await readAll(t, h('p_api'), ['/maybes/items', `/maybes/items/${other}`]),
    });
    const before = await read();
    expect(before.web[`/maybes/items/${ids[1]}`]?.etag).toBe('"2"');

    await moveDone(t, moveBody(t, 'maybes', tenant, 'firestore', { collection_prefix: 'mb' }));
    expect(await read()).toEqual(before);
    await t.http
      .patch(`/maybes/items/${ids[1]}`)
      .set(h())
      .set('If-Match', '"2"')
      .send({ title: 'After' })
      .expect(200);
  });
});

describe('moves of memory: Firestore → Firestore (prefix mem)', () => {
  const app = appSeededOn('firestore');

  it('keeps session messages (ids, order) and blackboards (versions, ETags)', async () => {
    const t = app();
    const tenant = freshTenant();
    const as = (sub = 'u_alice', project = 'p_web') =>
      scopedHeaders({ tenant, project, sub, role: 'member' });
    const say = async (session: string, content: string, who = as()) =>
      (
        await t.http
          .post(`/memory/sessions/${session}/messages`)
          .set(who)
          .send({ role: 'user', content, metadata: { n: [1, [2]] } })
          .expect(201)
      ).body.id as string;
    const board = (key: string, data: unknown, who = as(), ifMatch?: string) => {
      const req = t.http.put(`/memory/blackboards/${key}`).set(who);
      if (ifMatch) req.set('If-Match', ifMatch);
      return req.send({ data }).expect(200);
    };
    const sent = [await say('chat-1', 'hello'), await say('chat-1', 'again')];
    await say('chat-1', 'bob speaks', as('u_bob'));
    await say('chat-2', 'elsewhere', as('u_alice', 'p_api'));
    await board('plan.v1', { steps: [['a', 'b']] });
    await board('plan.v1', 2, as('u_bob'), '"1"');
    await board('gone', 1);
    await t.http.delete('/memory/blackboards/gone').set(as()).expect(204);
    const read = async () => ({
      alice: await readAll(t, as(), [
        '/memory/sessions/chat-1/messages',
        `/memory/sessions/chat-1/messages?after=${sent[0]}`,
        '/memory/blackboards/plan.v1',
        '/memory/blackboards/gone',
      ]),
      bob: await readAll(t, as('u_bob'), ['/memory/sessions/chat-1/messages']),
      api: await readAll(t, as('u_alice', 'p_api'), ['/memory/sessions/chat-2/messages']),
    });
    const before = await read();
    expect(before.alice['/memory/blackboards/plan.v1']?.etag).toBe('"2"');

    await moveDone(t, moveBody(t, 'memory', tenant, 'firestore', { collection_prefix: 'mem' }));
    expect(await read()).toEqual(before);
    await board('plan.v1', 3, as(), '"2"');
    const later = await say('chat-1', 'after the move');
    const listed = (await t.http.get('/memory/sessions/chat-1/messages').set(as()).expect(200)).body
      .items as { id: string }[];
    expect(listed.map((m) => m.id)).toEqual([...sent, later]);
  });
});
