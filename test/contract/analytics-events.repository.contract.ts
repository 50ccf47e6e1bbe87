import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { AnalyticsEventsRepository } from '../../src/features/analytics-events/analytics-events.repository';
import {
  eventSortKey,
  type AnalyticsEvent,
} from '../../src/features/analytics-events/analytics-events.types';

const event = (over: Partial<AnalyticsEvent> = {}): AnalyticsEvent => ({
  id: newSortableId(),
  type: 'pageview',
  surface: 'web',
  page_type: 'product',
  url: 'https://shop.example.com/p/1',
  referrer: null,
  utm_source: 'newsletter',
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
  seo_slug: null,
  cta_id: null,
  label: null,
  metadata: { ab: 'b', n: 2 },
  created_at: '2024-05-01T00:00:00.000Z',
  created_by: 'u_a',
  ...over,
});

/**
 * The behaviour every AnalyticsEventsRepository adapter must have. `make` returns a fresh
 * repository (and how to dispose of it); each test uses its own tenant so runs never clash.
 */
export function analyticsEventRepositoryContract(
  make: () => Promise<{ repo: AnalyticsEventsRepository; close(): Promise<void> }>,
): void {
  let repo: AnalyticsEventsRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_ae_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('stores an event with every field and reads it back by id; a missing id is null', async () => {
    const s = scope();
    const e = event({
      type: 'cta_click',
      cta_id: 'hero',
      label: 'Sign up',
      referrer: 'https://google.com/',
      seo_slug: 'shoes/trail',
    });
    await expect(repo.append(s, e)).resolves.toEqual(e);
    expect(await repo.get(s, e.id)).toEqual(e);
    expect(await repo.get(s, newSortableId())).toBeNull();
  });

  it('appends an id once: appending it again returns the stored event', async () => {
    const s = scope();
    const first = event();
    await repo.append(s, first);
    await expect(
      repo.append(s, { ...first, created_at: new Date(0).toISOString() }),
    ).resolves.toEqual(first);
    expect(await repo.list(s, {}, { limit: 10 })).toEqual([first]);
  });

  it('lists newest first by arrival time then id, one keyset page after another', async () => {
    const s = scope();
    const old = event({ created_at: '2024-05-01T00:00:00.000Z' });
    const a = event({ created_at: '2024-05-02T00:00:00.000Z' });
    const b = event({ created_at: '2024-05-02T00:00:00.000Z' });
    const newest = event({ created_at: '2024-05-03T00:00:00.000Z' });
    for (const e of [newest, old, a, b]) await repo.append(s, e);
    const first = await repo.list(s, {}, { limit: 3 });
    expect(first).toEqual([newest, b, a]);
    expect(await repo.list(s, {}, { limit: 3, before: eventSortKey(a) })).toEqual([old]);
  });

  it('filters by type and surface, since inclusive and until exclusive, together with paging', async () => {
    const s = scope();
    const d1 = event({ created_at: '2024-05-01T00:00:00.000Z' });
    const d2 = event({ type: 'cta_click', cta_id: 'x', created_at: '2024-05-02T00:00:00.000Z' });
    const d3 = event({ surface: 'app', created_at: '2024-05-03T00:00:00.000Z' });
    const d4 = event({ created_at: '2024-05-04T00:00:00.000Z' });
    for (const e of [d1, d2, d3, d4]) await repo.append(s, e);
    const list = (filter: Parameters<AnalyticsEventsRepository['list']>[1], before?: string) =>
      repo.list(s, filter, { limit: 10, before });
    expect(await list({ type: 'cta_click' })).toEqual([d2]);
    expect(await list({ surface: 'web', type: 'pageview' })).toEqual([d4, d1]);
    expect(
      await list({ since: '2024-05-02T00:00:00.000Z', until: '2024-05-04T00:00:00.000Z' }),
    ).toEqual([d3, d2]);
    expect(await list({ until: '2024-05-04T00:00:00.000Z' }, eventSortKey(d3))).toEqual([d2, d1]);
    expect(await list({ until: '2024-05-03T00:00:00.000Z' }, eventSortKey(d4))).toEqual([d2, d1]);
    expect(await list({ since: '2024-05-03T00:00:00.000Z', surface: 'web' })).toEqual([d4]);
  });

  it('keeps tenants, projects and envs apart', async () => {
    const s = scope();
    const e = event();
    await repo.append(s, e);
    for (const other of [
      Scope.of(s.tenantId, 'test', 'p_other'),
      s.tenantWide(),
      Scope.of(s.tenantId, 'dev', 'p_web'),
      scope(),
    ]) {
      expect(await repo.get(other, e.id)).toBeNull();
      expect(await repo.list(other, {}, { limit: 10 })).toEqual([]);
    }
  });
}
