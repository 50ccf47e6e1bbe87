import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { freePort } from '../../tools/local-servers/free-port';
import { writeHandlers } from '../../src/infra/idempotency/idempotency-routes';
import { IdempotencyInterceptor } from '../../src/infra/idempotency/idempotency.interceptor';
import { RAW_STORAGE_KIND } from '../../src/features/raw-storage/raw-storage.types';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route, testBackendConfig } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';

const admin = (tenant = 't_acme') => scopedHeaders({ tenant, project: 'p_web', role: 'admin' });
const member = (tenant = 't_acme') => scopedHeaders({ tenant, project: 'p_web', role: 'member' });

interface Measurement {
  id: string;
  value: number;
}

/**
 * Idempotency-Key on feature POSTs, end to end: keys and KPIs in memory, then keys in the
 * Firestore registry database and KPIs on Firestore (the emulator).
 */
describe.each(['memory', 'firestore'] as const)(
  'Idempotency-Key on feature POSTs (%s)',
  (backend) => {
    let t: TestApp;
    let n = 0;
    const uniqueKey = (): string => `key-${Date.now().toString(36)}-${(n += 1)}`;

    const defineKpi = async (tenant: string, name: string): Promise<void> => {
      await t.http
        .post('/kpi/definitions')
        .set(admin(tenant))
        .send({ surface: 'web', name })
        .expect(201);
    };
    const measurements = async (tenant: string, name: string): Promise<Measurement[]> => {
      const res = await t.http
        .get(`/kpi/measurements?surface=web&kpi_name=${name}`)
        .set(member(tenant))
        .expect(200);
      return (res.body as { items: Measurement[] }).items;
    };

    beforeAll(async () => {
      t = await createTestApp({ registry: backend, seed: backend });
      await defineKpi('t_acme', 'ctr');
    });
    afterAll(() => t.close());

    it('replays the first outcome for the same key and body: same status, same id, one record', async () => {
      const key = uniqueKey();
      const send = () =>
        t.http
          .post('/kpi/measurements')
          .set(member())
          .set('Idempotency-Key', key)
          .send({ surface: 'web', kpi_name: 'ctr', value: 1.5 });
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const stored = (await measurements('t_acme', 'ctr')).filter((m) => m.value === 1.5);
      expect(stored.map((m) => m.id)).toEqual([(first.body as Measurement).id]);
    });

    it('treats a body with its keys in another order as the same request', async () => {
      const key = uniqueKey();
      const first = await t.http
        .post('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', key)
        .send({ surface: 'web', kpi_name: 'ctr', value: 2.5 })
        .expect(201);
      const again = await t.http
        .post('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', key)
        .send({ value: 2.5, kpi_name: 'ctr', surface: 'web' })
        .expect(201);
      expect((again.body as Measurement).id).toBe((first.body as Measurement).id);
    });

    it('refuses the same key with another body: 422 idempotency.key_reused, nothing executed', async () => {
      const key = uniqueKey();
      await t.http
        .post('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', key)
        .send({ surface: 'web', kpi_name: 'ctr', value: 3.5 })
        .expect(201);
      const reused = await t.http
        .post('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', key)
        .send({ surface: 'web', kpi_name: 'ctr', value: 4.5 })
        .expect(422);
      expect(reused.body.error.code).toBe('idempotency.key_reused');
      expect(reused.body.error.message).toMatch(/Use a new key/);
      expect((await measurements('t_acme', 'ctr')).filter((m) => m.value === 4.5)).toHaveLength(0);
    });

    it('executes concurrent requests with the same key once; the others get 409 with Retry-After or the replay', async () => {
      const key = uniqueKey();
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.http
            .post('/kpi/measurements')
            .set(member())
            .set('Idempotency-Key', key)
            .send({ surface: 'web', kpi_name: 'ctr', value: 5.5 }),
        ),
      );
      const statuses = results.map((r) => r.status);
      console.log(`${backend}: 8 concurrent requests with one key answered ${statuses.join(', ')}`);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      for (const conflict of results.filter((r) => r.status === 409)) {
        expect(conflict.body.error.code).toBe('idempotency.in_progress');
        expect(Number(conflict.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id as string));
      expect(ids.size).toBe(1);
      expect((await measurements('t_acme', 'ctr')).filter((m) => m.value === 5.5)).toHaveLength(1);
    });

    it('keeps keys per tenant: the same key in two tenants is two requests', async () => {
      await defineKpi('t_beta', 'ctr');
      const key = uniqueKey();
      const body = { surface: 'web', kpi_name: 'ctr', value: 6.5 };
      const acme = await t.http
        .post('/kpi/measurements')
        .set(member('t_acme'))
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      const beta = await t.http
        .post('/kpi/measurements')
        .set(member('t_beta'))
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      expect(beta.headers['idempotent-replayed']).toBeUndefined();
      expect(beta.body.id).not.toBe(acme.body.id);
      expect((await measurements('t_beta', 'ctr')).map((m) => m.id)).toEqual([beta.body.id]);
    });

    it('does not keep a validation failure: the corrected request with the same key executes', async () => {
      const key = uniqueKey();
      const bad = await t.http
        .post('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', key)
        .send({ surface: 'web', kpi_name: 'ctr', value: 'high' })
        .expect(400);
      expect(bad.body.error.code).toBe('validation.failed');
      await t.http
        .post('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', key)
        .send({ surface: 'web', kpi_name: 'ctr', value: 7.5 })
        .expect(201);
    });

    it('replays a refusal that is an outcome (404 of an undefined KPI) with the same code', async () => {
      const key = uniqueKey();
      const send = () =>
        t.http
          .post('/kpi/measurements')
          .set(member())
          .set('Idempotency-Key', key)
          .send({ surface: 'web', kpi_name: 'undefined_kpi', value: 1 });
      const first = await send().expect(404);
      const again = await send().expect(404);
      expect(again.body.error.code).toBe(first.body.error.code);
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('refuses a malformed key with 400 idempotency.invalid_key and leaves other methods alone', async () => {
      const res = await t.http
        .post('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', 'has space')
        .send({ surface: 'web', kpi_name: 'ctr', value: 8.5 })
        .expect(400);
      expect(res.body.error.code).toBe('idempotency.invalid_key');
      await t.http
        .get('/kpi/measurements')
        .set(member())
        .set('Idempotency-Key', 'has space')
        .expect(200);
    });
  },
);

describe('Idempotency-Key in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('declares the optional header on every feature POST; of the registry POSTs, on the rollback write only', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }>;
    };
    const posts = Object.entries(doc.paths).filter(([, item]) => item.post !== undefined);
    const declares = ([, item]: (typeof posts)[number]): boolean =>
      (item.post?.parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header');
    const features = posts.filter(([path]) => !path.startsWith('/routing'));
    expect(features.length).toBeGreaterThan(20);
    expect(features.filter((p) => !declares(p)).map(([path]) => path)).toEqual([]);
    // The registry's own writes (rollback, PUT/DELETE of routes) declare it themselves.
    expect(
      posts
        .filter(([path]) => path.startsWith('/routing'))
        .filter(declares)
        .map(([path]) => path),
    ).toEqual(['/routing/rollback']);
  });
});

describe('the 503 of a backend that refuses connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const config = {
      ...testBackendConfig('s3', { project_id: 'unused' }),
      endpoint: `http://127.0.0.1:${await freePort()}`,
    };
    await t.putRoute(
      route({
        resource_kind: RAW_STORAGE_KIND,
        tenant_id: 't_refused',
        backend_type: 's3',
        config,
      }),
    );
  });
  afterAll(() => t.close());

  it('tells a reader and a writer that nothing was applied and a retry is safe', async () => {
    const h = scopedHeaders({ tenant: 't_refused' });
    const write = await t.http
      .post('/raw/uploads')
      .set(h)
      .send({ filename: 'a', content_type: 'text/plain', size_bytes: 1 })
      .expect(503);
    const read = await t.http.get('/raw/assets').set(h).expect(503);
    console.log(`refused S3: write ${JSON.stringify(write.body.error.details)}`);
    expect(write.body.error.details).toMatchObject({ failure: 'refused', retry_safe: true });
    expect(write.body.error.message).toMatch(/nothing was applied; retrying is safe/);
    expect(read.body.error.details).toMatchObject({ retry_safe: true });
    expect(read.body.error.message).toMatch(/Nothing was changed; retrying is safe/);
  });
});

describe('where IdempotencyInterceptor runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const interceptorsOf = (target: object): unknown[] =>
    (Reflect.getMetadata(INTERCEPTORS_METADATA, target) as unknown[] | undefined) ?? [];

  it('first on every write handler of the booted app, built in its module; reads of controllers without interceptors run none', () => {
    let writes = 0;
    let bare = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as abstract new () => unknown;
        const ownClass = interceptorsOf(controller);
        const handlers = writeHandlers(controller);
        for (const handler of handlers) {
          writes += 1;
          const chain = [...ownClass, ...interceptorsOf(handler)];
          expect([controller.name, chain[0]]).toEqual([controller.name, IdempotencyInterceptor]);
        }
        if (handlers.length > 0) {
          expect([controller.name, module.injectables.has(IdempotencyInterceptor)]).toEqual([
            controller.name,
            true,
          ]);
        }
        if (!ownClass.includes(IdempotencyInterceptor)) {
          const reads = Object.getOwnPropertyNames(controller.prototype)
            .map((name) => (controller.prototype as Record<string, unknown>)[name])
            .filter((m): m is object => typeof m === 'function' && !handlers.includes(m));
          for (const read of reads) {
            expect(interceptorsOf(read)).not.toContain(IdempotencyInterceptor);
          }
          if (ownClass.length === 0) bare += 1;
        }
      }
    }
    expect(writes).toBeGreaterThan(30);
    expect(bare).toBeGreaterThan(0);
  });
});
