import { Injectable } from '@nestjs/common';
import { assertCreatorOrAdmin } from '../../common/auth/ownership';
import { STRING_CURSOR, type Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { StrategyLockRepository } from './strategy-lock.repository';
import { storedStatusesFor, validityWindow } from './strategy-lock.rules';
import {
  authorises,
  statusAt,
  type LockCheck,
  type LockScope,
  type LockStatus,
  type NewStrategyLock,
  type StrategyLock,
  type StrategyLockChanges,
  type StrategyLockView,
} from './strategy-lock.types';
import {
  StrategyLockInvalidTransitionError,
  StrategyLockNotEditableError,
  StrategyLockNotFoundError,
  StrategyLockRequiredError,
  StrategyLockSelfApprovalError,
  StrategyLockVersionConflictError,
} from './strategy-lock.errors';

/** Filters and page of `GET /strategy-locks`. */
export interface StrategyLockListQuery {
  status?: LockStatus;
  surface?: string;
  scope?: LockScope;
  limit?: number;
  cursor?: string;
}

/**
 * Strategy locks: drafts approved or rejected by a second admin (four-eyes), and the
 * `check`/`require` other kinds call before an action that needs an approved lock.
 * Locks live in the request's scope and are visible to every caller in it.
 */
@Injectable()
export class StrategyLockService {
  constructor(
    private readonly locks: StrategyLockRepository,
    private readonly context: RequestContext,
  ) {}

  async create(input: NewStrategyLock): Promise<StrategyLockView> {
    const now = new Date().toISOString();
    const lock: StrategyLock = {
      id: newSortableId(),
      surface: input.surface ?? null,
      scope: input.scope,
      title: input.title,
      description: input.description ?? '',
      constraints: input.constraints ?? {},
      allowed_actions: [...new Set(input.allowed_actions)],
      created_by: this.context.principal.subject,
      approved_by: null,
      rejected_by: null,
      status: 'draft',
      ...validityWindow(input.valid_from ?? now, input.valid_until, now),
      version: 1,
      created_at: now,
      updated_at: now,
    };
    return toView(await this.locks.create(this.context.scope, lock), now);
  }

  async get(id: string): Promise<StrategyLockView> {
    const lock = await this.locks.get(this.context.scope, id);
    if (lock === null) throw new StrategyLockNotFoundError(id);
    return toView(lock, new Date().toISOString());
  }

  /**
   * Newest first. `expired` is not stored, so status filters are applied to each fetched
   * batch as well, fetching on until the page is full or the locks run out.
   */
  async list(query: StrategyLockListQuery): Promise<Page<StrategyLockView>> {
    const now = new Date().toISOString();
    const start = STRING_CURSOR.start(query);
    const limit = start.limit;
    const wanted = query.status;
    const filter = {
      statuses: storedStatusesFor(wanted),
      surface: query.surface,
      lock_scope: query.scope,
    };
    let before = start.position;
    const found: StrategyLock[] = [];
    for (;;) {
      const batch = await this.locks.list(this.context.scope, {
        ...filter,
        before,
        limit: limit + 1,
      });
      found.push(...batch.filter((lock) => wanted === undefined || statusAt(lock, now) === wanted));
      const last = batch.at(-1);
      if (found.length > limit || batch.length <= limit || last === undefined) break;
      before = last.id;
    }
    return STRING_CURSOR.page(
      found.map((lock) => toView(lock, now)),
      limit,
      (last) => last.id,
    );
  }

  /** Creator or admin; drafts only; honours `If-Match`. */
  update(
    id: string,
    changes: StrategyLockChanges,
    expectedVersion?: number,
  ): Promise<StrategyLockView> {
    return this.change(id, (current, now) => {
      assertCreatorOrAdmin(this.context, current.created_by);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StrategyLockVersionConflictError(expectedVersion, current.version);
      }
      if (current.status !== 'draft')
        throw new StrategyLockNotEditableError(id, statusAt(current, now));
      const given = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      ) as StrategyLockChanges;
      return {
        ...current,
        ...given,
        allowed_actions: given.allowed_actions
          ? [...new Set(given.allowed_actions)]
          : current.allowed_actions,
        ...validityWindow(
          given.valid_from ?? current.valid_from,
          given.valid_until ?? current.valid_until,
          now,
        ),
      };
    });
  }

  /** Draft → approved, by an admin who is not the creator. */
  approve(id: string): Promise<StrategyLockView> {
    return this.decide(id, 'approved');
  }

  /** Draft → rejected. */
  reject(id: string): Promise<StrategyLockView> {
    return this.decide(id, 'rejected');
  }

  /**
   * Whether an approved lock valid now (valid_from ≤ now < valid_until) allows `action` on
   * `surface`: its allowed_actions hold the action or `*`, and its surface is unset or
   * equal. A lock for the surface wins over a lock for every surface, then the newest.
   */
  async check(action: string, surface?: string | null): Promise<LockCheck> {
    const at = new Date().toISOString();
    const target = surface ?? null;
    const candidates = await this.locks.findApproved(this.context.scope, action, at);
    const lock = candidates
      .filter((l) => authorises(l, action, target, at))
      .sort(
        (a, b) => Number(b.surface !== null) - Number(a.surface !== null) || (a.id < b.id ? 1 : -1),
      )[0];
    if (lock === undefined) {
      const where = target === null ? 'for every surface' : `on surface "${target}"`;
      return {
        allowed: false,
        reason: `no approved strategy lock valid now allows "${action}" ${where}`,
        lock_id: null,
      };
    }
    return {
      allowed: true,
      reason: `approved strategy lock ${lock.id} allows "${action}" until ${lock.valid_until}`,
      lock_id: lock.id,
    };
  }

  /** {@link check}, throwing `409 strategy_lock.required` when it refuses. For other kinds. */
  async require(action: string, surface?: string | null): Promise<LockCheck> {
    const result = await this.check(action, surface);
    if (!result.allowed)
      throw new StrategyLockRequiredError(action, surface ?? null, result.reason);
    return result;
  }

  private decide(id: string, to: 'approved' | 'rejected'): Promise<StrategyLockView> {
    const actor = this.context.principal.subject;
    return this.change(id, (current, now) => {
      const status = statusAt(current, now);
      if (status !== 'draft') throw new StrategyLockInvalidTransitionError(id, status, to);
      if (to === 'approved' && current.created_by === actor)
        throw new StrategyLockSelfApprovalError(id);
      return {
        ...current,
        status: to,
        approved_by: to === 'approved' ? actor : null,
        rejected_by: to === 'rejected' ? actor : null,
      };
    });
  }

  /** One atomic read-check-write; `apply` throws to refuse. Bumps version and updated_at. */
  private async change(
    id: string,
    apply: (current: StrategyLock, now: string) => StrategyLock,
  ): Promise<StrategyLockView> {
    const now = new Date().toISOString();
    const updated = await this.locks.update(this.context.scope, id, (current) => ({
      ...apply(current, now),
      id: current.id,
      created_by: current.created_by,
      created_at: current.created_at,
      version: current.version + 1,
      updated_at: now,
    }));
    if (updated === null) throw new StrategyLockNotFoundError(id);
    return toView(updated, now);
  }
}

function toView(lock: StrategyLock, now: string): StrategyLockView {
  return { ...lock, status: statusAt(lock, now) };
}
