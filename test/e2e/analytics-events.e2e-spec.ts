import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';

const as = (role: 'viewer' | 'member', tenant = 't_acme', project = 'p_web') =>
  scopedHeaders({ tenant, project, role });
const pageview = (over: Record<string, unknown> = {}) => ({
  surface: 'web',
  url: 'https://shop.example.com/p/1',
  ...over,
});

/** The fields a 400 validation.failed response names, sorted. */
const failedFields = (res: {
  body: { error: { details: { fields: { field: string }[] } } };
}): string[] => res.body.error.details.fields.map((f) => f.field).sort();

/** Resolves once this process's clock has passed `iso`, so the next event is strictly later. */
async function clockPast(iso: string): Promise<void> {
  while (Date.now() <= Date.parse(iso)) await new Promise((r) => setTimeout(r, 1));
}

describe('analytics_events over HTTP (memory backend)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records a pageview and a CTA click (member) with every listed field, absent ones null', async () => {
    const full = pageview({
      page_type: 'product',
      referrer: 'https://www.google.com/',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'spring',
      utm_term: 'trail shoes',
      utm_content: 'hero',
      seo_slug: 'shoes/trail-runner',
      metadata: { ab: 'b', score: 3, returning: true },
    });
    const pv = await t.http
      .post('/analytics/events/pageview')
      .set(as('member', 't_rec'))
      .send(full)
      .expect(201);
    expect(pv.body).toMatchObject({
      ...full,
      type: 'pageview',
      cta_id: null,
      label: null,
      created_by: 'u_alice',
    });
    const click = await t.http
      .post('/analytics/events/cta-click')
      .set(as('member', 't_rec'))
      .send(pageview({ cta_id: 'hero-signup', label: 'Sign up', referrer: '' }))
      .expect(201);
    expect(click.body).toMatchObject({
      type: 'cta_click',
      cta_id: 'hero-signup',
      label: 'Sign up',
      referrer: null,
      page_type: null,
      metadata: {},
    });
    const read = await t.http
      .get(`/analytics/events/${click.body.id}`)
      .set(as('viewer', 't_rec'))
      .expect(200);
    expect(read.body).toEqual(click.body);
  });

  it('refuses bad events with 400 naming the fields, and viewers cannot write', async () => {
    const h = as('member', 't_bad');
    const bad = await t.http
      .post('/analytics/events/pageview')
      .set(h)
      .send({
        surface: 'Web',
        url: 'javascript:alert(1)',
        referrer: '/relative',
        utm_source: 'x'.repeat(201),
        seo_slug: 'Bad Slug',
        cta_id: 'x',
        metadata: { nested: { a: 1 } },
      })
      .expect(400);
    expect(failedFields(bad)).toEqual([
      'cta_id',
      'metadata',
      'referrer',
      'seo_slug',
      'surface',
      'url',
      'utm_source',
    ]);
    const tooBig = {
      metadata: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])),
    };
    await t.http.post('/analytics/events/pageview').set(h).send(pageview(tooBig)).expect(400);
    await t.http
      .post('/analytics/events/pageview')
      .set(h)
      .send(pageview({ url: `https://example.com/${'a'.repeat(2048)}` }))
      .expect(400);
    const noCta = await t.http
      .post('/analytics/events/cta-click')
      .set(h)
      .send(pageview())
      .expect(400);
    expect(failedFields(noCta)).toEqual(['cta_id']);
    const viewer = await t.http
      .post('/analytics/events/pageview')
      .set(as('viewer', 't_bad'))
      .send(pageview())
      .expect(403);
    expect(viewer.body.error.code).toBe('auth.insufficient_role');
  });

  it('lists newest first with type and surface filters, pages, and a since/until range', async () => {
    const h = as('member', 't_list');
    const first = await t.http
      .post('/analytics/events/pageview')
      .set(h)
      .send(pageview())
      .expect(201);
    await clockPast(first.body.created_at as string);
    const second = await t.http
      .post('/analytics/events/cta-click')
      .set(h)
      .send(pageview({ cta_id: 'buy' }))
      .expect(201);
    await t.http
      .post('/analytics/events/pageview')
      .set(h)
      .send(pageview({ surface: 'app' }))
      .expect(201);
    const v = as('viewer', 't_list');
    const page = await t.http.get('/analytics/events?limit=2').set(v).expect(200);
    expect(
      (page.body.items as { surface: string; type: string }[]).map((e) => [e.type, e.surface]),
    ).toEqual([
      ['pageview', 'app'],
      ['cta_click', 'web'],
    ]);
    const rest = await t.http
      .get(`/analytics/events?limit=2&cursor=${page.body.next_cursor}`)
      .set(v)
      .expect(200);
    expect(rest.body).toEqual({ items: [first.body], next_cursor: null });
    expect(
      (await t.http.get('/analytics/events?type=cta_click').set(v).expect(200)).body.items,
    ).toEqual([second.body]);
    expect(
      (await t.http.get('/analytics/events?surface=web&type=pageview').set(v).expect(200)).body
        .items,
    ).toEqual([first.body]);
    const until = await t.http
      .get(`/analytics/events?until=${second.body.created_at}`)
      .set(v)
      .expect(200);
    expect(until.body.items).toEqual([first.body]);
    const since = await t.http
      .get(`/analytics/events?since=${second.body.created_at}&surface=web`)
      .set(v)
      .expect(200);
    expect(since.body.items).toEqual([second.body]);
    const inverted = await t.http
      .get(`/analytics/events?since=2024-05-02T00:00:00Z&until=2024-05-01T00:00:00Z`)
      .set(v)
      .expect(400);
    expect(failedFields(inverted)).toEqual(['until']);
    await t.http.get('/analytics/events?since=2024-05-01T00:00:00').set(v).expect(400);
    await t.http.get('/analytics/events?type=click').set(v).expect(400);
  });

  it('summarises counts by type, surface and utm_source within since/until', async () => {
    const h = as('member', 't_sum');
    await t.http
      .post('/analytics/events/pageview')
      .set(h)
      .send(pageview({ utm_source: 'newsletter' }))
      .expect(201);
    await t.http
      .post('/analytics/events/pageview')
      .set(h)
      .send(pageview({ surface: 'app', utm_source: 'ads' }))
      .expect(201);
    await t.http
      .post('/analytics/events/cta-click')
      .set(h)
      .send(pageview({ cta_id: 'buy', utm_source: 'newsletter' }))
      .expect(201);
    await t.http.post('/analytics/events/pageview').set(h).send(pageview()).expect(201);
    const v = as('viewer', 't_sum');
    const byType = await t.http.get('/analytics/events/summary').set(v).expect(200);
    expect(byType.body).toEqual({
      group_by: 'type',
      since: null,
      until: null,
      events: 4,
      groups: [
        { key: 'cta_click', count: 1 },
        { key: 'pageview', count: 3 },
      ],
    });
    const bySource = await t.http
      .get('/analytics/events/summary?group_by=utm_source&since=2024-01-01')
      .set(v)
      .expect(200);
    expect(bySource.body).toMatchObject({
      since: '2024-01-01T00:00:00.000Z',
      groups: [
        { key: 'ads', count: 1 },
        { key: 'newsletter', count: 2 },
        { key: null, count: 1 },
      ],
    });
    const bySurface = await t.http
      .get('/analytics/events/summary?group_by=surface')
      .set(v)
      .expect(200);
    expect(bySurface.body.groups).toEqual([
      { key: 'app', count: 1 },
      { key: 'web', count: 3 },
    ]);
    const past = await t.http
      .get('/analytics/events/summary?until=2024-01-01T00:00:00%2B02:00')
      .set(v)
      .expect(200);
    expect(past.body).toMatchObject({ until: '2023-12-31T22:00:00.000Z', events: 0, groups: [] });
  });

  it('keeps tenants and projects apart: an event of one is 404 in the other', async () => {
    const posted = await t.http
      .post('/analytics/events/pageview')
      .set(as('member', 't_iso_a'))
      .send(pageview())
      .expect(201);
    for (const h of [as('viewer', 't_iso_b'), as('viewer', 't_iso_a', 'p_other')]) {
      const missing = await t.http.get(`/analytics/events/${posted.body.id}`).set(h).expect(404);
      expect(missing.body.error.code).toBe('analytics_events.not_found');
      expect((await t.http.get('/analytics/events').set(h).expect(200)).body.items).toEqual([]);
      expect((await t.http.get('/analytics/events/summary').set(h).expect(200)).body.events).toBe(
        0,
      );
    }
    await t.http.get('/analytics/events/not-an-id').set(as('viewer', 't_iso_a')).expect(400);
  });
});

describe('analytics_events over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it('ingests, lists and summarises events on Firestore, each tenant and project apart', async () => {
    const h = as('member', 't_fs');
    const pv = await t.http
      .post('/analytics/events/pageview')
      .set(h)
      .send(pageview({ utm_source: 'ads', metadata: { k: 'v' } }))
      .expect(201);
    await t.http
      .post('/analytics/events/cta-click')
      .set(h)
      .send(pageview({ cta_id: 'buy' }))
      .expect(201);
    const v = as('viewer', 't_fs');
    const list = await t.http.get('/analytics/events?type=pageview&surface=web').set(v).expect(200);
    expect(list.body).toEqual({ items: [pv.body], next_cursor: null });
    const summary = await t.http
      .get('/analytics/events/summary?group_by=type&since=2024-01-01T00:00:00Z')
      .set(v)
      .expect(200);
    expect(summary.body.groups).toEqual([
      { key: 'cta_click', count: 1 },
      { key: 'pageview', count: 1 },
    ]);
    await t.http.get(`/analytics/events/${pv.body.id}`).set(as('viewer', 't_fs_other')).expect(404);
    await t.http
      .get(`/analytics/events/${pv.body.id}`)
      .set(as('viewer', 't_fs', 'p_other'))
      .expect(404);
  });
});
