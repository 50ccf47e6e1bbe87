import { timeSortKey } from '../../common/ids/time-key';
import type { TimestampRules } from '../../common/validation/timestamp.validators';

/** The resource kind this module declares in the routing registry. */
export const ANALYTICS_EVENTS_KIND = 'analytics_events';

export const EVENT_TYPES = ['pageview', 'cta_click'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Surfaces and page types: lower-case, starts with a letter or digit, 1..64 chars. */
export const ANALYTICS_KEY_FORMAT = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** What a request must fix when a key does not match {@link ANALYTICS_KEY_FORMAT}. */
export const analyticsKeyMessage = (field: string): string =>
  `${field} must be 1..64 characters: lower-case letters, digits, "_", "." or "-", starting with a letter or digit`;

export const SUMMARY_GROUP_BY = ['type', 'surface', 'utm_source'] as const;
export type SummaryGroupBy = (typeof SUMMARY_GROUP_BY)[number];

/** Flat metadata: short keys, primitive values. */
export type EventMetadata = Record<string, string | number | boolean | null>;

/** The fields a client sends; absent optional fields are stored as null. */
export interface AnalyticsEventInput {
  surface: string;
  page_type: string | null;
  url: string;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  seo_slug: string | null;
  /** Set on `cta_click` events only. */
  cta_id: string | null;
  /** Set on `cta_click` events only. */
  label: string | null;
  metadata: EventMetadata;
}

/** A stored event (append-only), timestamped by the server when it arrives. */
export interface AnalyticsEvent extends AnalyticsEventInput {
  id: string;
  type: EventType;
  created_at: string;
  created_by: string;
}

/** Equality filters and a time range: `since` inclusive, `until` exclusive (ISO-8601 UTC). */
export interface EventFilter {
  type?: EventType;
  surface?: string;
  since?: string;
  until?: string;
}

/** How a range's `since` and `until` are read: a zoned date-time, or a bare date as UTC midnight. */
export const EVENT_RANGE_TIME: TimestampRules = { dateOnly: true };

/** A keyset page request: `before` is the position of the last item of the previous page. */
export interface KeysetPage {
  limit: number;
  before?: string;
}

/** What `GET /analytics/events/summary` answers. */
export interface EventSummary {
  group_by: SummaryGroupBy;
  since: string | null;
  until: string | null;
  events: number;
  /** Sorted by key, events without a value for the key (null) last. */
  groups: { key: string | null; count: number }[];
}

/** Position of an event in "newest first" order: arrival time, then id ({@link timeSortKey}). */
export function eventSortKey(e: Pick<AnalyticsEvent, 'created_at' | 'id'>): string {
  return timeSortKey(e.created_at, e.id);
}
