import { newSortableId } from '../../src/common/ids/sortable-id';
import type { Scope } from '../../src/common/scope/scope';
import { eventGroupsFrom } from '../../src/features/analytics-events/analytics-events-totals';
import { eventTotals } from '../../src/features/analytics-events/analytics-events-window-totals';
import type { AnalyticsEventsRepository } from '../../src/features/analytics-events/analytics-events.repository';
import {
  eventSortKey,
  SUMMARY_GROUP_BY,
  type AnalyticsEvent,
} from '../../src/features/analytics-events/analytics-events.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

const HOUR = 3_600_000;
const START = Date.parse('2024-05-01T10:15:20.000Z');

/** An event at `at` (ms since epoch), a CTA click every third, its fields varied by `i`. */
const event = (i: number, at: number): AnalyticsEvent => ({
  id: newSortableId(at),
  type: i % 3 === 2 ? 'cta_click' : 'pageview',
  surface: i % 2 ? 'web' : 'docs',
  page_type: i % 4 ? 'article' : null,
  url: `https://example.test/p/${i}`,
  referrer: i % 5 ? null : 'https://search.example/',
  utm_source: ['newsletter', null, 'ads'][i % 3] ?? null,
  utm_medium: i % 3 ? null : 'email',
  utm_campaign: i % 3 ? null : 'spring',
  utm_term: null,
  utm_content: null,
  seo_slug: i % 2 ? `slug-${i}` : null,
  cta_id: i % 3 === 2 ? `cta_${i}` : null,
  label: i % 3 === 2 ? 'Sign up' : null,
  metadata: i % 2 ? { scroll: i * 10, ab: 'b', logged_in: false } : {},
  created_at: new Date(at).toISOString(),
  created_by: 'u_a',
});

/** Several events in one minute, others an hour, a day and a year later, and one now. */
const TIMES = [0, 1_000, 2_000, 61_000, HOUR + 5_000, 26 * HOUR, 400 * 24 * HOUR];
const ALL = { since: '2024-01-01T00:00:00.000Z' };
const BOUNDED = { since: '2024-05-01T10:15:21.500Z', until: '2024-05-02T12:15:00.000Z' };
/** Every day, the hours of the first day and the minutes of its first hour, read bucket by bucket. */
const BUCKET_RANGES = [
  { from: 'd|', to: 'd|~' },
  { from: 'h|2024-05-01T00', to: 'h|2024-05-01T~' },
  { from: 'm|2024-05-01T10:00', to: 'm|2024-05-01T10:~' },
];

/** Summaries of a range as the API answers them (count and groups per dimension). */
async function summaries(repo: AnalyticsEventsRepository, scope: Scope, range: typeof ALL) {
  const totals = await eventTotals(repo, scope, range);
  return { events: totals.n, groups: SUMMARY_GROUP_BY.map((by) => eventGroupsFrom(totals, by)) };
}

/**
 * Analytics events for the scope-data round trip: pageviews and CTA clicks across minutes,
 * hours, days and years (running totals in every bucket level).
 */
export const analyticsEventsScopeData: ScopeDataContractOptions<AnalyticsEventsRepository> = {
  async seed(repo, scope: Scope) {
    const times = [...TIMES.map((t) => START + t), Date.now() - 5 * 60_000];
    for (const [i, at] of times.entries()) await repo.append(scope, event(i, at));
  },

  /** The events as listed and got, and the summaries of an open and a bounded range. */
  async read(repo, scope) {
    const events = await repo.list(scope, {}, { limit: 100 });
    return {
      events,
      gets: await Promise.all(events.map((e) => repo.get(scope, e.id))),
      clicks: await repo.list(scope, { type: 'cta_click' }, { limit: 100 }),
      webBounded: await repo.list(scope, { surface: 'web', ...BOUNDED }, { limit: 100 }),
      secondPage: await repo.list(
        scope,
        {},
        { limit: 3, before: eventSortKey(events[2] as AnalyticsEvent) },
      ),
      all: await summaries(repo, scope, ALL),
      bounded: await summaries(repo, scope, BOUNDED),
      bucketSums: await Promise.all(BUCKET_RANGES.map((r) => repo.sumTotals(scope, [r]))),
    };
  },
};
