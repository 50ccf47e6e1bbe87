import { createTestApp, type TestApp } from '../utils/create-test-app';
import { signToken } from '../utils/tokens';

/** `Idempotency-Key` on registry writes: a retry answers the first outcome, never a second write. */
describe.each(['memory', 'firestore'] as const)(
  'registry writes with Idempotency-Key (%s registry)',
  (registry) => {
    let t: TestApp;
    const admin = { Authorization: `Bearer ${signToken({ registry_admin: true })}` };
    const path = (tenant: string) => `/routing/routes/feature_flags/${tenant}/test/*?probe=false`;
    const body = (rationale: string) => ({ backend_type: 'memory', config: {}, rationale });
    const history = async (tenant: string) =>
      (
        await t.http
          .get(
            `/routing/history?resource_kind=feature_flags&tenant_id=${tenant}&env=test&project_id=*`,
          )
          .set(admin)
          .expect(200)
      ).body.items as { registry_version: number; idempotency_key?: string }[];

    beforeAll(async () => {
      t = await createTestApp({ registry });
    });
    afterAll(() => t.close());

    it('answers a retried PUT with the first outcome and writes one revision', async () => {
      const put = () =>
        t.http.put(path('t_idem_put')).set(admin).set('Idempotency-Key', 'put-1').send(body('one'));
      const first = await put().expect(200);
      const retry = await put().expect(200);
      expect(retry.body).toEqual(first.body);
      const revisions = await history('t_idem_put');
      expect(revisions).toHaveLength(1);
      expect(revisions[0]?.idempotency_key).toBe('put-1');
    });

    it('refuses the same key with another body: 422 idempotency.key_reused, nothing written', async () => {
      await t.http
        .put(path('t_idem_reuse'))
        .set(admin)
        .set('Idempotency-Key', 'reuse-1')
        .send(body('one'))
        .expect(200);
      const res = await t.http
        .put(path('t_idem_reuse'))
        .set(admin)
        .set('Idempotency-Key', 'reuse-1')
        .send(body('two'))
        .expect(422);
      expect(res.body.error.code).toBe('idempotency.key_reused');
      expect(res.body.error.message).toMatch(/Use a new key/);
      expect(await history('t_idem_reuse')).toHaveLength(1);
    });

    it('replays a DELETE instead of answering 404 for the route it already deleted', async () => {
      await t.http.put(path('t_idem_del')).set(admin).send(body('one')).expect(200);
      const del = () =>
        t.http.delete(path('t_idem_del')).set(admin).set('Idempotency-Key', 'del-1');
      const first = await del().expect(200);
      const retry = await del().expect(200);
      expect(retry.body).toEqual(first.body);
      expect(await history('t_idem_del')).toHaveLength(2);
    });

    it('replays a rollback with the same outcome', async () => {
      const v1 = await t.http.put(path('t_idem_rb')).set(admin).send(body('one')).expect(200);
      await t.http.put(path('t_idem_rb')).set(admin).send(body('two')).expect(200);
      const [, oldest] = await history('t_idem_rb');
      const rollback = () =>
        t.http
          .post('/routing/rollback?probe=false')
          .set(admin)
          .set('Idempotency-Key', 'rb-1')
          .send({ registry_version: oldest?.registry_version });
      const first = await rollback().expect(200);
      const retry = await rollback().expect(200);
      expect(retry.body).toEqual(first.body);
      expect(first.body.route.rationale).toBe(v1.body.rationale);
      expect(await history('t_idem_rb')).toHaveLength(3);
    });

    it('refuses a malformed key with 400 idempotency.invalid_key', async () => {
      const res = await t.http
        .put(path('t_idem_bad'))
        .set(admin)
        .set('Idempotency-Key', 'has space')
        .send(body('one'))
        .expect(400);
      expect(res.body.error.code).toBe('idempotency.invalid_key');
    });
  },
);
