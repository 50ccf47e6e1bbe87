import { addCounters, type Counters } from '../../src/common/aggregates/counters';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { eventCounters } from '../../src/features/analytics-events/analytics-events-totals';
import type { AnalyticsEventsRepository } from '../../src/features/analytics-events/analytics-events.repository';
import type { AnalyticsEvent } from '../../src/features/analytics-events/analytics-events.types';
import { eventTotals } from '../../src/features/analytics-events/analytics-events-window-totals';

const START = Date.parse('2024-05-01T00:00:00.000Z');

/** An event `ms` after 2024-05-01, its fields varied by `i`. */
const event = (i: number, ms: number): AnalyticsEvent => ({
  id: newSortableId(START + ms),
  type: i % 3 ? 'pageview' : 'cta_click',
  surface: ['web', 'app'][i % 2] as string,
  url: 'https://a.example/',
  page_type: null,
  referrer: null,
  utm_source: i % 5 ? 'ads' : null,
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
  seo_slug: null,
  cta_id: null,
  label: null,
  metadata: {},
  created_at: new Date(START + ms).toISOString(),
  created_by: 'u_a',
});

/** Appends `events`, `parallel` at a time. */
async function appendAll(
  repo: AnalyticsEventsRepository,
  s: Scope,
  events: AnalyticsEvent[],
  parallel: number,
): Promise<void> {
  for (let i = 0; i < events.length; i += parallel)
    await Promise.all(events.slice(i, i + parallel).map((e) => repo.append(s, e)));
}

/** What a full recount of the events in the range gives. */
async function recount(
  repo: AnalyticsEventsRepository,
  s: Scope,
  range: { since?: string; until?: string },
): Promise<Counters> {
  const all = await repo.list(s, range, { limit: 100_000 });
  return all.reduce((sum, e) => addCounters(sum, eventCounters(e)), {} as Counters);
}

/**
 * Running totals of analytics events: every adapter keeps them with each append, and totals
 * read through {@link eventTotals} equal a full recount, whatever the range's edges.
 */
export function analyticsEventTotalsContract(
  make: () => Promise<{ repo: AnalyticsEventsRepository; close(): Promise<void> }>,
): void {
  let repo: AnalyticsEventsRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_atot_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('equals a full recount after 1,000 concurrent appends, for ranges with mid-minute edges', async () => {
    const s = scope();
    const events = Array.from({ length: 1_000 }, (_, i) => event(i, i * 466_034));
    await appendAll(repo, s, events, 50);
    const ranges = [
      {},
      { since: '2024-05-01T13:47:12.345Z' },
      { since: '2024-05-01T13:47:12.345Z', until: '2024-05-04T02:00:59.999Z' },
      { until: '2024-05-02T00:00:00.000Z' },
    ];
    for (const range of ranges)
      expect(await eventTotals(repo, s, range)).toEqual(await recount(repo, s, range));
    expect((await eventTotals(repo, s, {})).n).toBe(1_000);
  }, 120_000);

  it('counts a range of more than 10,000 events from the totals', async () => {
    const s = scope();
    const events = Array.from({ length: 10_001 }, (_, i) => event(i, i * 1_013));
    await appendAll(repo, s, events, 100);
    const totals = await eventTotals(repo, s, { since: '2024-05-01T00:00:00.000Z' });
    expect(totals.n).toBe(10_001);
    expect(totals).toEqual(await recount(repo, s, {}));
  }, 240_000);

  it('adds totals of events stored before totals were kept', async () => {
    const s = scope();
    await repo.addTotals(s, [event(1, 30_000), event(2, 120_000)]);
    expect((await eventTotals(repo, s, { until: '2024-05-01T00:01:00.000Z' })).n).toBe(1);
  });
}
