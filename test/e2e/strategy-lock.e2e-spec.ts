import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

/** Ids of a list answer, in order. */
const idsOf = (res: { body: unknown }): string[] =>
  (res.body as { items: { id: string }[] }).items.map((item) => item.id);

const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();
const draft = (over: Record<string, unknown> = {}) => ({
  scope: 'campaign',
  title: 'Spring launch',
  allowed_actions: ['builder:publish_page'],
  valid_until: inMs(3_600_000),
  ...over,
});

describe.each(['memory', 'firestore'] as const)(
  'strategy_lock over HTTP (%s backend)',
  (backend) => {
    let t: TestApp;
    const tenant = 't_locks';
    const alice = scopedHeaders({ tenant, sub: 'u_alice', role: 'admin' });
    const bob = scopedHeaders({ tenant, sub: 'u_bob', role: 'admin' });
    const member = scopedHeaders({ tenant, sub: 'u_carol', role: 'member' });
    const viewer = scopedHeaders({ tenant, sub: 'u_dave', role: 'viewer' });

    beforeAll(async () => {
      t = await createTestApp(
        backend === 'firestore' ? { registry: 'firestore', seed: 'firestore' } : {},
      );
    });
    afterAll(() => t.close());

    it('creates a draft (member), answers it by id with its version as ETag, and refuses viewers', async () => {
      const created = await t.http
        .post('/strategy-locks')
        .set(member)
        .send(draft({ surface: 'web', constraints: { max: 3 } }))
        .expect(201);
      expect(created.body).toMatchObject({
        status: 'draft',
        created_by: 'u_carol',
        approved_by: null,
        surface: 'web',
        constraints: { max: 3 },
        version: 1,
      });
      const read = await t.http.get(`/strategy-locks/${created.body.id}`).set(viewer).expect(200);
      expect(read.headers.etag).toBe('"1"');
      const refused = await t.http.post('/strategy-locks').set(viewer).send(draft()).expect(403);
      expect(refused.body.error.code).toBe('auth.insufficient_role');
    });

    it('refuses bad bodies with 400 validation.failed naming every field', async () => {
      const res = await t.http
        .post('/strategy-locks')
        .set(member)
        .send({
          scope: 'everything',
          title: '',
          allowed_actions: ['Bad Action'],
          valid_until: 'tomorrow',
          surface: 'Web!',
          extra: 1,
        })
        .expect(400);
      const fields = (res.body.error.details.fields as { field: string }[])
        .map((f) => f.field)
        .sort();
      expect(fields).toEqual([
        'allowed_actions',
        'extra',
        'scope',
        'surface',
        'title',
        'valid_until',
      ]);
      const past = await t.http
        .post('/strategy-locks')
        .set(member)
        .send(draft({ valid_until: inMs(-1000) }))
        .expect(400);
      expect(past.body.error.details.fields).toEqual([
        { field: 'valid_until', problems: ['valid_until must be in the future'] },
      ]);
    });

    it('answers check (a static route declared before :id) and flips it once another admin approves', async () => {
      const before = await t.http
        .get('/strategy-locks/check?action=builder:publish_page&surface=shop')
        .set(viewer)
        .expect(200);
      expect(before.body).toEqual({ allowed: false, reason: expect.any(String), lock_id: null });
      const lock = (
        await t.http
          .post('/strategy-locks')
          .set(alice)
          .send(draft({ surface: 'shop' }))
          .expect(201)
      ).body;
      const self = await t.http.post(`/strategy-locks/${lock.id}/approve`).set(alice).expect(403);
      expect(self.body.error.code).toBe('strategy_lock.self_approval');
      const notAdmin = await t.http
        .post(`/strategy-locks/${lock.id}/approve`)
        .set(member)
        .expect(403);
      expect(notAdmin.body.error.code).toBe('auth.insufficient_role');
      const approved = await t.http.post(`/strategy-locks/${lock.id}/approve`).set(bob).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', approved_by: 'u_bob', version: 2 });
      const after = await t.http
        .get('/strategy-locks/check?action=builder:publish_page&surface=shop')
        .set(viewer)
        .expect(200);
      expect(after.body).toMatchObject({ allowed: true, lock_id: lock.id });
      const elsewhere = await t.http
        .get('/strategy-locks/check?action=builder:publish_page&surface=blog')
        .set(viewer)
        .expect(200);
      expect(elsewhere.body.allowed).toBe(false);
      await t.http.get('/strategy-locks/check?surface=shop').set(viewer).expect(400);
    });

    it('moves only out of draft: approve or reject again is 409 strategy_lock.invalid_transition', async () => {
      const lock = (await t.http.post('/strategy-locks').set(alice).send(draft()).expect(201)).body;
      await t.http.post(`/strategy-locks/${lock.id}/reject`).set(bob).expect(200);
      for (const action of ['approve', 'reject']) {
        const res = await t.http.post(`/strategy-locks/${lock.id}/${action}`).set(bob).expect(409);
        expect(res.body.error).toMatchObject({
          code: 'strategy_lock.invalid_transition',
          details: { status: 'rejected' },
        });
      }
    });

    it('lets the creator or an admin PATCH a draft with If-Match; others get 403, decided locks 409', async () => {
      const lock = (
        await t.http
          .post('/strategy-locks')
          .set(member)
          .send(draft({ surface: 'web' }))
          .expect(201)
      ).body;
      const other = scopedHeaders({ tenant, sub: 'u_erin', role: 'member' });
      expect(
        (
          await t.http
            .patch(`/strategy-locks/${lock.id}`)
            .set(other)
            .send({ title: 'x' })
            .expect(403)
        ).body.error.code,
      ).toBe('auth.insufficient_role');
      const patched = await t.http
        .patch(`/strategy-locks/${lock.id}`)
        .set(member)
        .set('If-Match', '"1"')
        .send({ title: 'Renamed', surface: null })
        .expect(200);
      expect(patched.body).toMatchObject({ title: 'Renamed', surface: null, version: 2 });
      expect(patched.headers.etag).toBe('"2"');
      const stale = await t.http
        .patch(`/strategy-locks/${lock.id}`)
        .set(alice)
        .set('If-Match', '"1"')
        .send({ title: 'y' })
        .expect(409);
      expect(stale.body.error.code).toBe('strategy_lock.version_conflict');
      await t.http
        .patch(`/strategy-locks/${lock.id}`)
        .set(member)
        .send({ title: null })
        .expect(400);
      await t.http.post(`/strategy-locks/${lock.id}/approve`).set(bob).expect(200);
      const decided = await t.http
        .patch(`/strategy-locks/${lock.id}`)
        .set(alice)
        .send({ title: 'z' })
        .expect(409);
      expect(decided.body.error.code).toBe('strategy_lock.not_editable');
    });

    it('lists newest first with status, surface and scope filters and a cursor', async () => {
      const h = scopedHeaders({ tenant: 't_locks_list', sub: 'u_alice', role: 'admin' });
      const ids: string[] = [];
      for (const surface of ['a', 'b', 'a'])
        ids.push(
          (
            await t.http
              .post('/strategy-locks')
              .set(h)
              .send(draft({ surface, scope: 'budget' }))
              .expect(201)
          ).body.id,
        );
      const page1 = await t.http.get('/strategy-locks?limit=2').set(h).expect(200);
      expect(idsOf(page1)).toEqual([ids[2], ids[1]]);
      const page2 = await t.http
        .get(`/strategy-locks?limit=2&cursor=${page1.body.next_cursor}`)
        .set(h)
        .expect(200);
      expect(page2.body).toEqual({
        items: [expect.objectContaining({ id: ids[0] })],
        next_cursor: null,
      });
      const filtered = await t.http
        .get('/strategy-locks?surface=a&status=draft&scope=budget')
        .set(h)
        .expect(200);
      expect(idsOf(filtered)).toEqual([ids[2], ids[0]]);
      expect(
        (await t.http.get('/strategy-locks?status=approved').set(h).expect(200)).body.items,
      ).toEqual([]);
    });

    it('hides locks of other tenants and projects: 404 strategy_lock.not_found, and check does not see them', async () => {
      const lock = (
        await t.http
          .post('/strategy-locks')
          .set(alice)
          .send(draft({ allowed_actions: ['*'] }))
          .expect(201)
      ).body;
      await t.http.post(`/strategy-locks/${lock.id}/approve`).set(bob).expect(200);
      const otherTenant = await t.http
        .get(`/strategy-locks/${lock.id}`)
        .set(scopedHeaders({ tenant: 't_other' }))
        .expect(404);
      expect(otherTenant.body.error.code).toBe('strategy_lock.not_found');
      await t.http
        .get(`/strategy-locks/${lock.id}`)
        .set(scopedHeaders({ tenant, project: 'p_other' }))
        .expect(404);
      const check = await t.http
        .get('/strategy-locks/check?action=anything')
        .set(scopedHeaders({ tenant, project: 'p_other' }))
        .expect(200);
      expect(check.body.allowed).toBe(false);
      expect(
        (await t.http.get('/strategy-locks/not-an-id').set(alice).expect(400)).body.error.code,
      ).toBe('validation.failed');
    });

    it('shows an approved lock as expired once valid_until passes, while the stored status stays approved', async () => {
      const h = scopedHeaders({ tenant: 't_locks_expiry', sub: 'u_alice', role: 'admin' });
      const lock = (
        await t.http
          .post('/strategy-locks')
          .set(h)
          .send(draft({ valid_until: inMs(1200) }))
          .expect(201)
      ).body;
      await t.http
        .post(`/strategy-locks/${lock.id}/approve`)
        .set(scopedHeaders({ tenant: 't_locks_expiry', sub: 'u_bob', role: 'admin' }))
        .expect(200);
      expect(
        (await t.http.get('/strategy-locks/check?action=builder:publish_page').set(h).expect(200))
          .body.allowed,
      ).toBe(true);
      await new Promise((r) =>
        setTimeout(r, Math.max(0, Date.parse(lock.valid_until) - Date.now() + 50)),
      );
      expect((await t.http.get(`/strategy-locks/${lock.id}`).set(h).expect(200)).body.status).toBe(
        'expired',
      );
      expect(
        (await t.http.get('/strategy-locks?status=expired').set(h).expect(200)).body.items,
      ).toHaveLength(1);
      expect(
        (await t.http.get('/strategy-locks/check?action=builder:publish_page').set(h).expect(200))
          .body.allowed,
      ).toBe(false);
      if (backend === 'firestore') {
        const db = newFirestoreClient({ projectId: t.firestoreProjectId });
        try {
          const stored = await db
            .doc(`tenants/t_locks_expiry/envs/test/projects/p_web/strategy_locks/${lock.id}`)
            .get();
          expect(stored.get('status')).toBe('approved');
        } finally {
          await db.terminate();
        }
      }
    });
  },
);
