import type { Scope } from '../../common/scope/scope';
import type { DatasetEvent, EventFilter, NexusSnippet, SnippetFilter } from './nexus-backend.types';

/**
 * Port of the `nexus_backend` kind: snippets and dataset events of one scope (tenant, env,
 * project), both immutable once written. Nothing of another scope is visible. Lists are
 * newest first (by id) and page by keyset: `before` is the id of the last item seen.
 */
export abstract class NexusBackendRepository {
  /**
   * Stores a new snippet (its id is new) and returns it. A snippet already stored with the id
   * (a retry of the same idempotent request, whose ids repeat) is returned as stored.
   */
  abstract createSnippet(scope: Scope, snippet: NexusSnippet): Promise<NexusSnippet>;

  /** The snippet with this id in `scope`, or null. */
  abstract getSnippet(scope: Scope, id: string): Promise<NexusSnippet | null>;

  /** At most `limit` snippets matching `filter` (`tagsAny`: at least one tag in common). */
  abstract listSnippets(
    scope: Scope,
    filter: SnippetFilter,
    page: { limit: number; before?: string },
  ): Promise<NexusSnippet[]>;

  /**
   * Stores a new event (its id is new; `created_at` is the time in its id) and returns it; an
   * event already stored with the id is returned as stored (a retried idempotent request).
   */
  abstract recordEvent(scope: Scope, event: DatasetEvent): Promise<DatasetEvent>;

  /**
   * At most `limit` events matching `filter`. `since` compares with the time encoded in the
   * event id (which is its `created_at`), to the millisecond, inclusive.
   */
  abstract listEvents(
    scope: Scope,
    filter: EventFilter,
    page: { limit: number; before?: string },
  ): Promise<DatasetEvent[]>;
}
