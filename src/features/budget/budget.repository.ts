import type { Counters } from '../../common/aggregates/counters';
import type { BucketRange } from '../../common/aggregates/time-buckets';
import type { Scope } from '../../common/scope/scope';
import type {
  BudgetPolicy,
  BudgetPolicyInput,
  KeysetPage,
  UsageEvent,
  UsageFilter,
} from './budget.types';

/**
 * Port: the usage ledger and budget policies of one scope. Records of another scope are
 * never returned.
 */
export abstract class BudgetRepository {
  /**
   * Appends up to {@link MAX_EVENTS_PER_POST} events with new unique ids, all or none, and
   * adds each event's {@link usageCounters} to the running totals of its day, hour and
   * minute bucket in the same atomic write (one batch on Firestore). Events already stored
   * with these ids (a retry of the same idempotent request, whose ids repeat) are returned as
   * stored, and their totals are not added again.
   */
  abstract appendUsage(scope: Scope, events: UsageEvent[]): Promise<UsageEvent[]>;

  /** The usage event with this id in `scope`, or null. */
  abstract getUsage(scope: Scope, id: string): Promise<UsageEvent | null>;

  /**
   * Events matching every given filter, newest first by {@link usageSortKey}, at most
   * `page.limit`; `filter.since` is inclusive, `filter.until` and `page.before` (a sort key)
   * exclusive.
   */
  abstract listUsage(scope: Scope, filter: UsageFilter, page: KeysetPage): Promise<UsageEvent[]>;

  /**
   * The running totals summed over every bucket in `ranges` (keys of {@link bucketKey}):
   * exactly the sum of {@link usageCounters} of the events appended into those buckets.
   */
  abstract sumUsageTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters>;

  /**
   * Adds the running totals of `events`, which are already stored, to their buckets
   * (rebuilding totals of events stored before totals existed). Not idempotent: each event
   * must be added once.
   */
  abstract addUsageTotals(scope: Scope, events: readonly UsageEvent[]): Promise<void>;

  /** The policy of exactly `(surface, app)` (`*` for any), or null. */
  abstract getPolicy(scope: Scope, surface: string, app: string): Promise<BudgetPolicy | null>;

  /**
   * Creates or replaces the one policy of `(input.surface, input.app)` and returns it with
   * version + 1 (1 when new); `id` and `created_at` survive replacement. With
   * `expectedVersion`, writes only if that is the stored version, else throws
   * `BudgetVersionConflictError` (also when there is no policy yet).
   */
  abstract putPolicy(
    scope: Scope,
    input: BudgetPolicyInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<BudgetPolicy>;

  /** Policies newest first by id; `page.before` is an id. */
  abstract listPolicies(scope: Scope, page: KeysetPage): Promise<BudgetPolicy[]>;
}
