import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';

/** The fields a 400 validation.failed response names, sorted. */
const failedFields = (res: {
  body: { error: { details: { fields: { field: string }[] } } };
}): string[] => res.body.error.details.fields.map((f) => f.field).sort();

const admin = (tenant = 't_acme', project = 'p_web') =>
  scopedHeaders({ tenant, project, role: 'admin' });
const member = (tenant = 't_acme', project = 'p_web') =>
  scopedHeaders({ tenant, project, role: 'member' });
const viewer = (tenant = 't_acme', project = 'p_web') =>
  scopedHeaders({ tenant, project, role: 'viewer' });

/** Defines a KPI, sets its corridor and records values, as a client would. */
async function seedKpi(
  t: TestApp,
  tenant: string,
  name: string,
  corridor: object,
  values: number[],
): Promise<void> {
  await t.http
    .post('/kpi/definitions')
    .set(admin(tenant))
    .send({ surface: 'web', name })
    .expect(201);
  await t.http
    .put('/kpi/corridors')
    .set(admin(tenant))
    .send({ surface: 'web', kpi_name: name, ...corridor })
    .expect(200);
  for (const [i, value] of values.entries()) {
    const timestamp = new Date(Date.UTC(2024, 4, 1 + i)).toISOString();
    await t.http
      .post('/kpi/measurements')
      .set(member(tenant))
      .send({ surface: 'web', kpi_name: name, value, timestamp })
      .expect(201);
  }
}

describe('kpi over HTTP (memory backend)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('defines a KPI (admin), reads it back, and refuses the same name on the surface with 409', async () => {
    const body = {
      surface: 'web',
      name: 'ctr',
      description: 'Click-through',
      unit: 'percent',
      window_seconds: 3600,
    };
    const created = await t.http
      .post('/kpi/definitions')
      .set(admin('t_def'))
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({ ...body, created_by: 'u_alice' });
    await t.http.get('/kpi/definitions/web/ctr').set(viewer('t_def')).expect(200);
    const again = await t.http
      .post('/kpi/definitions')
      .set(admin('t_def'))
      .send({ surface: 'web', name: 'ctr' })
      .expect(409);
    expect(again.body.error).toMatchObject({
      code: 'kpi.definition_exists',
      details: { surface: 'web', name: 'ctr' },
    });
    const missing = await t.http.get('/kpi/definitions/web/nope').set(viewer('t_def')).expect(404);
    expect(missing.body.error.code).toBe('kpi.definition_not_found');
  });

  it('needs admin to define KPIs and set corridors, member to record, viewer to read', async () => {
    const denied = await t.http
      .post('/kpi/definitions')
      .set(member('t_roles'))
      .send({ surface: 'web', name: 'x' })
      .expect(403);
    expect(denied.body.error.code).toBe('auth.insufficient_role');
    await t.http
      .post('/kpi/definitions')
      .set(admin('t_roles'))
      .send({ surface: 'web', name: 'x' })
      .expect(201);
    await t.http
      .put('/kpi/corridors')
      .set(member('t_roles'))
      .send({ surface: 'web', kpi_name: 'x', floor: 1 })
      .expect(403);
    await t.http
      .post('/kpi/measurements')
      .set(viewer('t_roles'))
      .send({ surface: 'web', kpi_name: 'x', value: 1 })
      .expect(403);
    await t.http
      .post('/kpi/measurements')
      .set(member('t_roles'))
      .send({ surface: 'web', kpi_name: 'x', value: 1 })
      .expect(201);
    await t.http.get('/kpi/measurements').set(viewer('t_roles')).expect(200);
    await t.http.get('/kpi/status?surface=web').set(viewer('t_roles')).expect(200);
  });

  it('upserts corridors: one row per (surface, kpi_name), If-Match honoured, bounds validated', async () => {
    const h = admin('t_corr');
    await t.http.post('/kpi/definitions').set(h).send({ surface: 'web', name: 'ctr' }).expect(201);
    const first = await t.http
      .put('/kpi/corridors')
      .set(h)
      .send({ surface: 'web', kpi_name: 'ctr', floor: 1, ceiling: 5 })
      .expect(200);
    expect(first.headers.etag).toBe('"1"');
    const second = await t.http
      .put('/kpi/corridors')
      .set(h)
      .set('If-Match', '"1"')
      .send({ surface: 'web', kpi_name: 'ctr', ceiling: 9 });
    expect(second.body).toMatchObject({ id: first.body.id, version: 2, floor: null, ceiling: 9 });
    const stale = await t.http
      .put('/kpi/corridors')
      .set(h)
      .set('If-Match', '"1"')
      .send({ surface: 'web', kpi_name: 'ctr', floor: 0 })
      .expect(409);
    expect(stale.body.error.code).toBe('kpi.version_conflict');
    const list = await t.http.get('/kpi/corridors?surface=web').set(h).expect(200);
    expect(list.body).toEqual({ items: [second.body], next_cursor: null });
    const inverted = await t.http
      .put('/kpi/corridors')
      .set(h)
      .send({ surface: 'web', kpi_name: 'ctr', floor: 6, ceiling: 5 })
      .expect(400);
    expect(failedFields(inverted)).toEqual(['ceiling', 'floor']);
    const empty = await t.http
      .put('/kpi/corridors')
      .set(h)
      .send({ surface: 'web', kpi_name: 'ctr' })
      .expect(400);
    expect(empty.body.error.code).toBe('validation.failed');
    const undefinedKpi = await t.http
      .put('/kpi/corridors')
      .set(h)
      .send({ surface: 'web', kpi_name: 'ghost', floor: 1 })
      .expect(404);
    expect(undefinedKpi.body.error.code).toBe('kpi.definition_not_found');
  });

  it('refuses measurements of an undefined KPI (404), bad values and future timestamps (400)', async () => {
    const h = member('t_meas');
    const ghost = await t.http
      .post('/kpi/measurements')
      .set(h)
      .send({ surface: 'web', kpi_name: 'ghost', value: 1 })
      .expect(404);
    expect(ghost.body.error).toMatchObject({
      code: 'kpi.definition_not_found',
      details: { surface: 'web', name: 'ghost' },
    });
    await t.http
      .post('/kpi/definitions')
      .set(admin('t_meas'))
      .send({ surface: 'web', name: 'ctr' })
      .expect(201);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const bad = await t.http
      .post('/kpi/measurements')
      .set(h)
      .send({ surface: 'Web!', kpi_name: 'ctr', value: 'high', timestamp: future, extra: true })
      .expect(400);
    const fields = failedFields(bad);
    expect(fields).toEqual(['extra', 'surface', 'timestamp', 'value']);
    await t.http
      .post('/kpi/measurements')
      .set(h)
      .send({ surface: 'web', kpi_name: 'ctr', value: 1, timestamp: '2024-05-01T12:00:00' })
      .expect(400);
  });

  it('lists measurements newest first by timestamp, page by page', async () => {
    await seedKpi(t, 't_list', 'ctr', { floor: 0 }, [1, 2, 3]);
    const first = await t.http
      .get('/kpi/measurements?surface=web&kpi_name=ctr&limit=2')
      .set(viewer('t_list'))
      .expect(200);
    expect((first.body.items as { value: number }[]).map((m) => m.value)).toEqual([3, 2]);
    const next = await t.http
      .get(`/kpi/measurements?kpi_name=ctr&limit=2&cursor=${first.body.next_cursor}`)
      .set(viewer('t_list'))
      .expect(200);
    expect(next.body).toMatchObject({
      items: [{ value: 1, timestamp: '2024-05-01T00:00:00.000Z' }],
      next_cursor: null,
    });
    const tampered = await t.http
      .get('/kpi/measurements?cursor=abc')
      .set(viewer('t_list'))
      .expect(400);
    expect(tampered.body.error.code).toBe('validation.invalid_cursor');
  });

  it('reports each corridor of a surface as ok, below_floor, above_ceiling or no_data', async () => {
    const tenant = 't_status';
    await seedKpi(t, tenant, 'ok_kpi', { floor: 1, ceiling: 5 }, [9, 3]);
    await seedKpi(t, tenant, 'low_kpi', { floor: 10 }, [20, 5]);
    await seedKpi(t, tenant, 'high_kpi', { ceiling: 10 }, [11]);
    await seedKpi(t, tenant, 'quiet_kpi', { floor: 0, ceiling: 1 }, []);
    const res = await t.http.get('/kpi/status?surface=web').set(viewer(tenant)).expect(200);
    const byName = Object.fromEntries(
      (res.body.items as { kpi_name: string }[]).map((s) => [s.kpi_name, s]),
    );
    expect(byName).toEqual({
      ok_kpi: {
        surface: 'web',
        kpi_name: 'ok_kpi',
        floor: 1,
        ceiling: 5,
        latest_value: 3,
        latest_timestamp: '2024-05-02T00:00:00.000Z',
        status: 'ok',
      },
      low_kpi: expect.objectContaining({ latest_value: 5, status: 'below_floor' }),
      high_kpi: expect.objectContaining({ latest_value: 11, status: 'above_ceiling' }),
      quiet_kpi: expect.objectContaining({
        latest_value: null,
        latest_timestamp: null,
        status: 'no_data',
      }),
    });
    const missingSurface = await t.http.get('/kpi/status').set(viewer(tenant)).expect(400);
    expect(missingSurface.body.error.details.fields[0].field).toBe('surface');
  });

  it('keeps tenants and projects apart: a KPI of one is 404 in the other', async () => {
    await seedKpi(t, 't_iso_a', 'ctr', { floor: 1 }, [2]);
    for (const h of [viewer('t_iso_b'), viewer('t_iso_a', 'p_other')]) {
      await t.http.get('/kpi/definitions/web/ctr').set(h).expect(404);
      expect((await t.http.get('/kpi/measurements').set(h).expect(200)).body.items).toEqual([]);
      expect((await t.http.get('/kpi/status?surface=web').set(h).expect(200)).body.items).toEqual(
        [],
      );
    }
    const other = await t.http
      .post('/kpi/measurements')
      .set(member('t_iso_a', 'p_other'))
      .send({ surface: 'web', kpi_name: 'ctr', value: 1 })
      .expect(404);
    expect(other.body.error.code).toBe('kpi.definition_not_found');
  });
});

describe('kpi over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  const boot = (projectId?: string) =>
    createTestApp({ registry: 'firestore', seed: 'firestore', firestoreProjectId: projectId });
  beforeAll(async () => {
    t = await boot();
  });
  afterAll(() => t.close());

  it('keeps definitions, corridors and measurements across a restart and reports status from them', async () => {
    await seedKpi(t, 't_fs', 'ctr', { floor: 2, ceiling: 4 }, [3, 1]);
    await t.close();
    t = await boot(t.firestoreProjectId);
    const status = await t.http.get('/kpi/status?surface=web').set(viewer('t_fs')).expect(200);
    expect(status.body.items).toEqual([
      expect.objectContaining({ kpi_name: 'ctr', latest_value: 1, status: 'below_floor' }),
    ]);
    const again = await t.http
      .post('/kpi/definitions')
      .set(admin('t_fs'))
      .send({ surface: 'web', name: 'ctr' })
      .expect(409);
    expect(again.body.error.code).toBe('kpi.definition_exists');
  });

  it('lets one of two concurrent definitions of the same name win; the other is 409', async () => {
    const send = () =>
      t.http
        .post('/kpi/definitions')
        .set(admin('t_fs_race'))
        .send({ surface: 'web', name: 'race' });
    const statuses = (await Promise.all([send(), send()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('keeps tenants and projects apart on Firestore', async () => {
    await seedKpi(t, 't_fs_a', 'ctr', { floor: 1 }, [2]);
    await t.http.get('/kpi/definitions/web/ctr').set(viewer('t_fs_b')).expect(404);
    await t.http.get('/kpi/definitions/web/ctr').set(viewer('t_fs_a', 'p_other')).expect(404);
    expect(
      (await t.http.get('/kpi/corridors').set(viewer('t_fs_b')).expect(200)).body.items,
    ).toEqual([]);
  });
});
