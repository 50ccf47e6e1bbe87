import type { CollectionReference } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import { getRecord } from '../../../backends/firestore/record-documents';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import { ClosedBucketCache } from '../../../backends/firestore/closed-bucket-cache';
import { ShardedCounters } from '../../../backends/firestore/sharded-counters';
import { countersByBucket, type Counters } from '../../../common/aggregates/counters';
import type { BucketRange } from '../../../common/aggregates/time-buckets';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { eventCounters } from '../analytics-events-totals';
import { AnalyticsEventsRepository } from '../analytics-events.repository';
import {
  eventSortKey,
  type AnalyticsEvent,
  type EventFilter,
  type KeysetPage,
} from '../analytics-events.types';
import { toEvent } from './firestore-analytics-events.records';
import {
  analyticsScopesHeld,
  deleteAnalyticsScope,
  exportAnalyticsScope,
  importAnalyticsRecords,
} from './firestore-analytics-events.scope-data';

/** Shard documents per totals bucket: how many concurrent writers a bucket absorbs. */
export const EVENT_TOTAL_SHARDS = 4;

/**
 * Collection `analytics_events` under the scope's path; document id = event id, `sort_key` =
 * created_at|id, every filtered field top-level (metadata is never queried). The type and
 * surface filters need composite indexes on real Firestore: (type, sort_key desc),
 * (surface, sort_key desc) and (type, surface, sort_key desc). `analytics_event_totals`
 * holds the running totals ({@link ShardedCounters}), incremented in the same batch as the
 * event is created.
 */
export class FirestoreAnalyticsEventsRepository
  extends AnalyticsEventsRepository
  implements ScopeData
{
  /** Sums of closed buckets, reused across requests (they no longer change). */
  private readonly closedTotals = new ClosedBucketCache();

  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async append(scope: Scope, event: AnalyticsEvent): Promise<AnalyticsEvent> {
    const data = {
      ...event,
      sort_key: eventSortKey(event),
      ...scopeFields(scope),
    };
    const ref = this.col(scope).doc(event.id);
    const batch = this.fs.db.batch();
    // The create first: where it fails nothing of the batch applies (the emulator, which
    // applies a batch write by write, stops at it too), so totals are never counted twice.
    batch.create(ref, data);
    this.totals(scope).add(batch, totalsOf([event]), scopeFields(scope));
    try {
      await batch.commit();
    } catch (err) {
      // Ids are unique, so an existing one is an earlier attempt of this idempotent request.
      if (!isAlreadyExists(err)) throw err;
      const existing = (await ref.get()).data();
      if (existing === undefined) throw err;
      return toEvent(existing);
    }
    return event;
  }

  sumTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters> {
    return this.totals(scope).sum(ranges);
  }

  async addTotals(scope: Scope, events: readonly AnalyticsEvent[]): Promise<void> {
    const batch = this.fs.db.batch();
    this.totals(scope).add(batch, totalsOf(events), scopeFields(scope));
    await batch.commit();
  }

  get(scope: Scope, id: string): Promise<AnalyticsEvent | null> {
    return getRecord(this.col(scope).doc(id), toEvent);
  }

  list(scope: Scope, filter: EventFilter, page: KeysetPage): Promise<AnalyticsEvent[]> {
    const query = whereEqual(this.col(scope), { type: filter.type, surface: filter.surface });
    const window = { ...page, from: filter.since, until: filter.until };
    return readDescending(query, toEvent, window, 'sort_key');
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return exportAnalyticsScope(this.fs, scope, this.totals(scope));
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return importAnalyticsRecords(this.fs, scope, this.totals(scope), records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return analyticsScopesHeld(this.fs, tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteAnalyticsScope(this.fs, scope, this.totals(scope));
  }

  private totals(scope: Scope): ShardedCounters {
    return new ShardedCounters(
      this.fs.scoped(scope, 'analytics_event_totals'),
      EVENT_TOTAL_SHARDS,
      this.closedTotals,
    );
  }

  private col(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'analytics_events');
  }
}

function totalsOf(events: readonly AnalyticsEvent[]): Map<string, Counters> {
  return countersByBucket(events, (e) => e.created_at, eventCounters);
}
