import type { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { InMemoryAnalyticsEventsRepository } from './adapters/in-memory-analytics-events.repository';
import { newSortableId } from '../../common/ids/sortable-id';
import type { AnalyticsEvent } from './analytics-events.types';
import { AnalyticsEventsService } from './analytics-events.service';

describe('AnalyticsEventsService', () => {
  const context = {
    scope: Scope.of('t_unit', 'test', 'p_web'),
    principal: { subject: 'u_unit' },
  } as unknown as RequestContext;
  const event = (i: number, created_at: string): AnalyticsEvent => ({
    id: newSortableId(Date.parse(created_at)),
    type: 'pageview',
    surface: 'web',
    url: 'https://a.example/',
    page_type: null,
    referrer: null,
    utm_source: i % 2 ? 'ads' : null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    seo_slug: null,
    cta_id: null,
    label: null,
    metadata: {},
    created_at,
    created_by: 'u_unit',
  });

  it('counts a range of more than 10,000 events from totals (it was refused with 422)', async () => {
    const service = new AnalyticsEventsService(new InMemoryAnalyticsEventsRepository(), context);
    for (let i = 0; i < 10_001; i += 1)
      await service.record(i % 3 ? 'pageview' : 'cta_click', {
        surface: 'web',
        url: 'https://a.example/',
      });
    await expect(service.summary('type', {})).resolves.toMatchObject({
      events: 10_001,
      groups: [
        { key: 'cta_click', count: 3_334 },
        { key: 'pageview', count: 6_667 },
      ],
    });
    await expect(
      service.summary('type', { since: '2000-01-01T00:00:00Z', until: '2000-01-02T00:00:00Z' }),
    ).resolves.toMatchObject({ events: 0, groups: [] });
  });

  it('counts exactly over ranges that start and end mid-minute', async () => {
    const repo = new InMemoryAnalyticsEventsRepository();
    const service = new AnalyticsEventsService(repo, context);
    const base = Date.parse('2024-05-01T10:15:30.000Z');
    const times = [
      -1,
      0,
      29_999,
      30_000,
      3_600_000,
      86_400_000 * 2,
      86_400_000 * 3 + 5,
      86_400_000 * 3 + 40_000,
    ];
    for (const [i, t] of times.entries())
      await repo.append(context.scope, event(i, new Date(base + t).toISOString()));
    const since = new Date(base).toISOString();
    const until = new Date(base + 86_400_000 * 3 + 40_000).toISOString();
    const summary = await service.summary('utm_source', { since, until });
    expect(summary.events).toBe(6);
    expect(summary.groups).toEqual([
      { key: 'ads', count: 3 },
      { key: null, count: 3 },
    ]);
  });

  it('refuses a range whose since is not before until', async () => {
    const service = new AnalyticsEventsService(new InMemoryAnalyticsEventsRepository(), context);
    const at = '2024-05-01T00:00:00Z';
    await expect(
      service.list({ since: at, until: '2024-05-01T02:00:00+02:00' }, {}),
    ).rejects.toMatchObject({ code: 'validation.failed' });
  });
});
