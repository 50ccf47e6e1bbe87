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
   * Appends up to {@link MAX_EVENTS_PER_POST} events with new unique ids, all or none
   * (one batch on Firestore).
   */
  abstract appendUsage(scope: Scope, events: UsageEvent[]): Promise<UsageEvent[]>;

  /** The usage event with this id in `scope`, or null. */
  abstract getUsage(scope: Scope, id: string): Promise<UsageEvent | null>;

  /**
   * Events matching every given filter, newest first by {@link usageSortKey}, at most
   * `page.limit`; `filter.since` is inclusive, `page.before` is a sort key (exclusive).
   */
  abstract listUsage(scope: Scope, filter: UsageFilter, page: KeysetPage): Promise<UsageEvent[]>;

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
