import { firestoreDriver } from '../../src/backends/firestore/firestore.driver';
import { Scope } from '../../src/common/scope/scope';
import { FirestoreFeatureFlagsRepository } from '../../src/features/feature-flags/adapters/firestore-feature-flags.repository';
import { DEFAULT_FLAGS } from '../../src/features/feature-flags/feature-flags.types';
import { MoveRunner } from '../../src/routing/moves/move-runner';
import type { MoveRecord } from '../../src/routing/moves/move.types';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';
import {
  finished as finishedMove,
  moveAdmin as admin,
  startMove as startMoveOn,
} from '../utils/moves';

/** The moves API on feature_flags: Firestore prefix A (via t_system) → prefix B (the tenant's own route). */
describe('moves: a switch that brings the data along', () => {
  let t: TestApp;
  let second: TestApp;
  let n = 0;
  const tenant = (): string => `t_mv${Date.now().toString(36)}${(n += 1)}`;
  const fsConfig = (prefix: string) => ({
    project_id: t.firestoreProjectId,
    collection_prefix: prefix,
  });

  beforeAll(async () => {
    t = await createTestApp({
      seed: 'firestore',
      environment: { MOVE_SETTLE_MS: '200', MOVE_LEASE_MS: '3000' },
    });
    // A second instance on the same registry: freezes must reach it too.
    second = await createTestApp({
      store: t.store,
      firestoreProjectId: t.firestoreProjectId,
      seed: false,
      environment: { MOVE_SETTLE_MS: '200', MOVE_LEASE_MS: '3000' },
    });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const startMove = (body: Record<string, unknown>): Promise<MoveRecord> =>
    startMoveOn(t, { resource_kind: 'feature_flags', backend_type: 'firestore', ...body });
  const finished = (id: string): Promise<MoveRecord> => finishedMove(t, id);

  async function putFlags(
    who: string,
    project: string,
    level: 'project' | 'tenant',
    value: string,
  ) {
    return t.http
      .put(`/feature-flags?level=${level}`)
      .set(scopedHeaders({ tenant: who, project }))
      .send({ custom: { value } })
      .expect(200);
  }

  it('moves a tenant served by t_system to its own route: same flags, same ETags, history names the move', async () => {
    const who = tenant();
    await putFlags(who, 'p_web', 'project', 'web');
    const web = await putFlags(who, 'p_web', 'project', 'web2');
    const tenantLevel = await putFlags(who, 'p_web', 'tenant', 'tenant');
    const before = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: who, project: 'p_web' }))
      .expect(200);

    const plan = await t.http
      .post('/routing/moves?dry_run=true')
      .set(admin)
      .send({
        resource_kind: 'feature_flags',
        tenant_id: who,
        env: 'test',
        project_id: null,
        backend_type: 'firestore',
        config: fsConfig('moved'),
        reason: 'own database',
      })
      .expect(200);
    expect((plan.body.scopes as { scope: string }[]).map((s) => s.scope)).toEqual([
      `${who}/test/*`,
      `${who}/test/p_web`,
    ]);
    expect(plan.body.records).toBe(2);
    expect(plan.body.source.route_scope).toBe('t_system/test/*');

    const move = await startMove({ tenant_id: who, project_id: null, config: fsConfig('moved') });
    const done = await finished(move.id);
    expect(done).toMatchObject({ state: 'done', frozen: false, records_copied: 2, error: null });
    expect(done.registry_version).toEqual(expect.any(Number));

    const after = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: who, project: 'p_web' }))
      .expect(200);
    expect(after.body).toEqual(before.body);
    // Versions moved with the documents: the ETags read before the move still match.
    await t.http
      .put('/feature-flags?level=project')
      .set(scopedHeaders({ tenant: who, project: 'p_web' }))
      .set('If-Match', web.headers.etag as string)
      .send({ custom: { value: 'y' } })
      .expect(200);
    await t.http
      .put('/feature-flags?level=tenant')
      .set(scopedHeaders({ tenant: who, project: 'p_web' }))
      .set('If-Match', tenantLevel.headers.etag as string)
      .send({ custom: { value: 'x' } })
      .expect(200);

    // The data is on the new prefix; the old prefix keeps its copy (for a rollback).
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      const doc = `tenants/${who}/envs/test/projects/p_web/feature_flags/flags`;
      expect((await db.doc(`moved_${doc}`).get()).exists).toBe(true);
      expect((await db.doc(doc).get()).exists).toBe(true); // t_system's route has no prefix
    } finally {
      await db.terminate();
    }
    const history = await t.http.get(`/routing/history?tenant_id=${who}`).set(admin).expect(200);
    expect(JSON.stringify(history.body)).toContain(`move ${move.id}: own database`);
    const metrics = (await t.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/routing_moves_total\{state="done"\} [1-9]/);
    expect(metrics).toMatch(
      /routing_move_records_copied_total\{resource_kind="feature_flags"\} [1-9]/,
    );
  });

  it('a tenant-wide move takes exactly the projects without their own route (and the tenant level)', async () => {
    const who = tenant();
    for (const p of ['p_one', 'p_two', 'p_own']) await putFlags(who, p, 'project', p);
    await t.putRoute(
      route({
        resource_kind: 'feature_flags',
        tenant_id: who,
        project_id: 'p_own',
        backend_type: 'firestore',
        config: fsConfig('own'),
      }),
    );
    // p_own now reads its own (empty) prefix; give it a record there so it is visibly left alone.
    await putFlags(who, 'p_own', 'project', 'own');

    const move = await startMove({ tenant_id: who, project_id: null, config: fsConfig('wide') });
    expect(move.scopes.map((s) => s.scope)).toEqual([
      `${who}/test/*`,
      `${who}/test/p_one`,
      `${who}/test/p_two`,
    ]);
    const done = await finished(move.id);
    expect(done.state).toBe('done');
    for (const p of ['p_one', 'p_two']) {
      const read = await t.http
        .get('/feature-flags')
        .set(scopedHeaders({ tenant: who, project: p }))
        .expect(200);
      expect(read.body.flags.custom).toEqual({ value: p });
    }
    const own = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: who, project: 'p_own' }))
      .expect(200);
    expect(own.body.flags.custom).toEqual({ value: 'own' });
  });

  it('also moves a project whose first record landed on the source after the plan', async () => {
    const who = tenant();
    await putFlags(who, 'p_web', 'project', 'planned');
    const runner = t.app.get(MoveRunner);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    // Written straight to the source (t_system's backend) once the move is planned and frozen,
    // as a write accepted just before the freeze reached an instance would be.
    runner.onPhase = async (_move, phase) => {
      if (phase !== 'frozen') return;
      const source = new FirestoreFeatureFlagsRepository(
        firestoreDriver.handle({ client: db, close: () => Promise.resolve() }, {}),
      );
      await source.put(
        Scope.of(who, 'test', 'p_late'),
        { ...DEFAULT_FLAGS, custom: { value: 'late' } },
        { actor: 'u_late' },
      );
    };
    let move: MoveRecord;
    try {
      move = await startMove({ tenant_id: who, project_id: null, config: fsConfig('late') });
      expect(move.scopes.map((s) => s.scope)).toEqual([`${who}/test/*`, `${who}/test/p_web`]);
      move = await finished(move.id);
    } finally {
      runner.onPhase = null;
      await db.terminate();
    }
    expect(move.state).toBe('done');
    expect(move.scopes.map((s) => s.scope)).toContain(`${who}/test/p_late`);
    const late = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: who, project: 'p_late' }))
      .expect(200);
    expect(late.body.flags.custom).toEqual({ value: 'late' });
  });

  it('refuses writes during the freeze with 503 routing.scope_moving on both instances; reads go on; nothing acknowledged is lost', async () => {
    const who = tenant();
    await putFlags(who, 'p_web', 'project', 'acknowledged');
    const runner = t.app.get(MoveRunner);
    const seen: { status: number; code?: string; retryAfter?: string; read: number }[] = [];
    runner.onPhase = async (_move, phase) => {
      if (phase !== 'frozen') return;
      for (const app of [t, second]) {
        const write = await app.http
          .put('/feature-flags?level=project')
          .set(scopedHeaders({ tenant: who, project: 'p_web' }))
          .send({ custom: { value: 'during' } });
        const read = await app.http
          .get('/feature-flags')
          .set(scopedHeaders({ tenant: who, project: 'p_web' }));
        seen.push({
          status: write.status,
          code: write.body.error?.code,
          retryAfter: write.headers['retry-after'],
          read: read.status,
        });
      }
    };
    try {
      const move = await startMove({ tenant_id: who, project_id: null, config: fsConfig('frz') });
      expect((await finished(move.id)).state).toBe('done');
    } finally {
      runner.onPhase = null;
    }
    expect(seen).toEqual([
      { status: 503, code: 'routing.scope_moving', retryAfter: '2', read: 200 },
      { status: 503, code: 'routing.scope_moving', retryAfter: '2', read: 200 },
    ]);
    const read = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: who, project: 'p_web' }))
      .expect(200);
    expect(read.body.flags.custom).toEqual({ value: 'acknowledged' });
    await putFlags(who, 'p_web', 'project', 'after'); // unfrozen
  });

  it('keeps every write acknowledged around the freeze: two instances post while the move runs', async () => {
    const who = tenant();
    const headers = scopedHeaders({ tenant: who, project: 'p_web', role: 'member' });
    const acknowledged: string[] = [];
    const refused: number[] = [];
    let stop = false;
    const writer = async (app: TestApp): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        const res = await app.http
          .post('/maybes/items')
          .set(headers)
          .send({ title: `w${i}` });
        if (res.status === 201) acknowledged.push(res.body.id as string);
        else refused.push(res.status);
      }
    };
    for (let i = 0; i < 20; i += 1)
      acknowledged.push(
        (
          await t.http
            .post('/maybes/items')
            .set(headers)
            .send({ title: `b${i}` })
            .expect(201)
        ).body.id as string,
      );
    const writers = [writer(t), writer(second)];
    const body = {
      resource_kind: 'maybes',
      tenant_id: who,
      env: 'test',
      project_id: null,
      backend_type: 'firestore',
      config: fsConfig('busy'),
      reason: 'busy tenant',
    };
    const move = (await t.http.post('/routing/moves').set(admin).send(body).expect(202))
      .body as MoveRecord;
    const done = await finished(move.id);
    await new Promise((resolve) => setTimeout(resolve, 200)); // writes after the switch too
    stop = true;
    await Promise.all(writers);
    expect(done.state).toBe('done');
    expect(new Set(refused)).toEqual(new Set([503]));
    for (const id of acknowledged) await t.http.get(`/maybes/items/${id}`).set(headers).expect(200);
  });

  it('refuses a target the policy refuses, or whose backend does not answer', async () => {
    const base = {
      resource_kind: 'feature_flags',
      tenant_id: tenant(),
      project_id: null,
      reason: 'r',
    };
    const prodMemory = await t.http
      .post('/routing/moves')
      .set(admin)
      .send({ ...base, env: 'prod', backend_type: 'memory', config: {} })
      .expect(422);
    expect(prodMemory.body.error.code).toBe('routing.policy_violation');
    const dead = await t.http
      .post('/routing/moves')
      .set(admin)
      .send({
        ...base,
        resource_kind: 'rate_limit',
        env: 'test',
        backend_type: 'redis',
        config: { host: '127.0.0.1', port: 1 },
      })
      .expect(422);
    expect(dead.body.error.code).toBe('routing.backend_unreachable');
  });

  it('fails the move when the copy does not match the source, and leaves the route alone', async () => {
    const who = tenant();
    await putFlags(who, 'p_web', 'project', 'original');
    const runner = t.app.get(MoveRunner);
    runner.onPhase = async (_move, phase) => {
      if (phase !== 'copied') return;
      const db = newFirestoreClient({ projectId: t.firestoreProjectId });
      try {
        await db
          .doc(`bad_tenants/${who}/envs/test/projects/p_web/feature_flags/flags`)
          .update({ 'flags.ws_enabled': true });
      } finally {
        await db.terminate();
      }
    };
    let move: MoveRecord;
    try {
      move = await startMove({ tenant_id: who, project_id: null, config: fsConfig('bad') });
      move = await finished(move.id);
    } finally {
      runner.onPhase = null;
    }
    expect(move.state).toBe('failed');
    expect(move.error).toContain('verification failed');
    expect(move.error).toContain('flags/flags');
    await t.http.get(`/routing/routes/feature_flags/${who}/test/*`).set(admin).expect(404);
    const read = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: who, project: 'p_web' }))
      .expect(200);
    expect(read.body.flags.custom).toEqual({ value: 'original' });
    // The partial copy is gone, so the same move can run again.
    const again = await finished(
      (await startMove({ tenant_id: who, project_id: null, config: fsConfig('bad') })).id,
    );
    expect(again.state).toBe('done');
  });

  it('refuses a move onto the backend already serving, or into a target that holds records', async () => {
    const who = tenant();
    await putFlags(who, 'p_web', 'project', 'one');
    await finished(
      (await startMove({ tenant_id: who, project_id: 'p_web', config: fsConfig('dup') })).id,
    );
    const body = {
      resource_kind: 'feature_flags',
      env: 'test',
      project_id: 'p_web',
      backend_type: 'firestore',
      reason: 'again',
    };
    const same = await t.http
      .post('/routing/moves')
      .set(admin)
      .send({ ...body, tenant_id: who, config: fsConfig('dup') })
      .expect(409);
    expect(same.body.error).toMatchObject({ code: 'routing.move_refused' });
    expect(same.body.error.message).toContain('already served');

    // Leave records of `other` on prefix dup2 (through a route that is then deleted).
    const other = tenant();
    await putFlags(other, 'p_web', 'project', 'source');
    const key = {
      resource_kind: 'feature_flags',
      tenant_id: other,
      env: 'test' as const,
      project_id: 'p_web',
    };
    await t.putRoute(route({ ...key, backend_type: 'firestore', config: fsConfig('dup2') }));
    await putFlags(other, 'p_web', 'project', 'stray');
    await t.deleteRoute(key);
    const full = await t.http
      .post('/routing/moves')
      .set(admin)
      .send({ ...body, tenant_id: other, config: fsConfig('dup2') })
      .expect(409);
    expect(full.body.error.message).toContain(
      `already holds feature_flags records at ${other}/test/p_web`,
    );
  });

  it('aborts on request: unfrozen, route unchanged, the partial copy removed', async () => {
    const who = tenant();
    await putFlags(who, 'p_web', 'project', 'kept');
    const runner = t.app.get(MoveRunner);
    let aborted: Promise<{ status: number; body: MoveRecord }> | null = null;
    runner.onPhase = async (move, phase) => {
      if (phase !== 'copied') return;
      aborted = t.http
        .post(`/routing/moves/${move.id}/abort`)
        .set(admin)
        .then((r) => r);
      // Let the request mark the move before the runner goes on (it stops at its next save).
      const store = t.store;
      for (let i = 0; i < 100 && (await store.getMove(move.id))?.abort_requested !== true; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
    };
    let move: MoveRecord;
    try {
      move = await finished(
        (await startMove({ tenant_id: who, project_id: null, config: fsConfig('abrt') })).id,
      );
    } finally {
      runner.onPhase = null;
    }
    expect(move).toMatchObject({ state: 'aborted', frozen: false });
    expect(move.error).toContain('aborted on request');
    const answer = await (aborted as unknown as Promise<{ status: number; body: MoveRecord }>);
    expect(answer.status).toBe(200);
    await t.http.get(`/routing/routes/feature_flags/${who}/test/*`).set(admin).expect(404);
    await t.http.post(`/routing/moves/${move.id}/abort`).set(admin).expect(409);
    // Nothing left on the target: the same move can run again.
    expect(
      (
        await finished(
          (await startMove({ tenant_id: who, project_id: null, config: fsConfig('abrt') })).id,
        )
      ).state,
    ).toBe('done');
  });

  it('deletes the source copy on request once no route serves the moved scopes from it', async () => {
    const who = tenant();
    await putFlags(who, 'p_web', 'project', 'moving');
    const move = await finished(
      (await startMove({ tenant_id: who, project_id: 'p_web', config: fsConfig('dsrc') })).id,
    );
    expect(move.state).toBe('done');
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    const sourceDoc = db.doc(`tenants/${who}/envs/test/projects/p_web/feature_flags/flags`);
    try {
      expect((await sourceDoc.get()).exists).toBe(true);
      // A route back to the source: its data must stay.
      const key = {
        resource_kind: 'feature_flags',
        tenant_id: who,
        env: 'test' as const,
        project_id: 'p_web',
      };
      await t.putRoute(
        route({ ...key, backend_type: 'firestore', config: { project_id: t.firestoreProjectId } }),
      );
      const refused = await t.http
        .post(`/routing/moves/${move.id}/delete-source`)
        .set(admin)
        .expect(409);
      expect(refused.body.error.message).toContain('points at the source backend again');
      await t.putRoute(route({ ...key, backend_type: 'firestore', config: fsConfig('dsrc') }));
      const deleted = await t.http
        .post(`/routing/moves/${move.id}/delete-source`)
        .set(admin)
        .expect(200);
      expect(deleted.body.source_deleted_at).toEqual(expect.any(String));
      expect((await sourceDoc.get()).exists).toBe(false);
      const read = await t.http
        .get('/feature-flags')
        .set(scopedHeaders({ tenant: who, project: 'p_web' }))
        .expect(200);
      expect(read.body.flags.custom).toEqual({ value: 'moving' });
    } finally {
      await db.terminate();
    }
  });

  it('answers 404 for an unknown move and 400 for a malformed id', async () => {
    const missing = await t.http
      .get('/routing/moves/mv_00000000000000000000000000')
      .set(admin)
      .expect(404);
    expect(missing.body.error.code).toBe('routing.move_not_found');
    await t.http.get('/routing/moves/nope').set(admin).expect(400);
    await t.http.get('/routing/moves').set(scopedHeaders()).expect(403);
    // The list pages like every list: newest first, limit and an opaque cursor.
    const first = await t.http.get('/routing/moves?limit=1').set(admin).expect(200);
    expect(first.body.items).toHaveLength(1);
    const next = await t.http
      .get(`/routing/moves?limit=1&cursor=${first.body.next_cursor as string}`)
      .set(admin)
      .expect(200);
    expect(next.body.items[0].id < first.body.items[0].id).toBe(true);
    await t.http.get('/routing/moves?cursor=nope').set(admin).expect(400);
  });
});
