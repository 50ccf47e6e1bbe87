import { Injectable } from '@nestjs/common';
import { STRING_CURSOR, type Page as ListPage } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { StrategyLockService } from '../strategy-lock/strategy-lock.service';
import { PageContentRepository, type PageChange } from './page-content.repository';
import {
  PUBLISH_PAGE_ACTION,
  type NewPage,
  type Page,
  type PageChanges,
  type PageRecord,
} from './page-content.types';
import { PageNotFoundError, PageVersionConflictError } from './page-content.errors';

/** Filters and page of `GET /pages`. */
export interface PageListQuery {
  surface?: string;
  published?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * Pages with a slug unique per scope and surface. Publishing needs an approved strategy
 * lock for `builder:publish_page` on the page's surface.
 */
@Injectable()
export class PageContentService {
  constructor(
    private readonly pages: PageContentRepository,
    private readonly locks: StrategyLockService,
    private readonly context: RequestContext,
  ) {}

  create(input: NewPage): Promise<Page> {
    const now = new Date().toISOString();
    const actor = this.context.principal.subject;
    return this.pages.create(this.context.scope, {
      id: newSortableId(),
      surface: input.surface,
      slug: input.slug,
      title: input.title,
      body: input.body,
      published: false,
      published_at: null,
      created_by: actor,
      updated_by: actor,
      created_at: now,
      updated_at: now,
      version: 1,
    });
  }

  async get(id: string): Promise<Page> {
    const page = await this.pages.get(this.context.scope, id);
    if (page === null) throw new PageNotFoundError(id);
    return page;
  }

  async getBySlug(surface: string, slug: string): Promise<Page> {
    const page = await this.pages.getBySlug(this.context.scope, surface, slug);
    if (page === null) throw new PageNotFoundError(`${surface}/${slug}`);
    return page;
  }

  /** Newest first, without bodies. */
  async list(query: PageListQuery): Promise<ListPage<PageRecord>> {
    const { limit, position } = STRING_CURSOR.start(query);
    const records = await this.pages.list(this.context.scope, {
      surface: query.surface,
      published: query.published,
      before: position,
      limit: limit + 1,
    });
    return STRING_CURSOR.page(records, limit, (last) => last.id);
  }

  /** Changes title, body, surface or slug (a new slug is claimed); honours If-Match. */
  update(id: string, changes: PageChanges, expectedVersion?: number): Promise<Page> {
    return this.change(id, (current) => {
      if (expectedVersion !== undefined && expectedVersion !== current.version)
        throw new PageVersionConflictError(expectedVersion, current.version);
      const { body, ...fields } = changes;
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      return { record: { ...current, ...given }, body };
    });
  }

  async delete(id: string): Promise<void> {
    if (!(await this.pages.delete(this.context.scope, id))) throw new PageNotFoundError(id);
  }

  /**
   * Publishes the page once the strategy lock check allows `builder:publish_page` on its
   * surface (else `409 strategy_lock.required`). If the surface changes between the check
   * and the write, the write is refused (`409 page_content.version_conflict`). Publishing a
   * published page changes nothing.
   */
  async publish(id: string): Promise<Page> {
    const page = await this.get(id);
    if (page.published) return page;
    await this.locks.require(PUBLISH_PAGE_ACTION, page.surface);
    return this.change(id, (current, now) => {
      if (current.surface !== page.surface)
        throw new PageVersionConflictError(page.version, current.version);
      return { record: { ...current, published: true, published_at: current.published_at ?? now } };
    });
  }

  /** Takes the page offline; an unpublished page stays as it is. */
  async unpublish(id: string): Promise<Page> {
    const page = await this.get(id);
    if (!page.published) return page;
    return this.change(id, (current) => ({
      record: { ...current, published: false, published_at: null },
    }));
  }

  /** One atomic read-check-write; `apply` throws to refuse. Bumps version and the update stamp. */
  private async change(
    id: string,
    apply: (current: PageRecord, now: string) => PageChange,
  ): Promise<Page> {
    const now = new Date().toISOString();
    const actor = this.context.principal.subject;
    const updated = await this.pages.update(this.context.scope, id, (current) => {
      const { record, body } = apply(current, now);
      const stamped = {
        ...record,
        id: current.id,
        created_by: current.created_by,
        created_at: current.created_at,
      };
      return {
        record: { ...stamped, version: current.version + 1, updated_at: now, updated_by: actor },
        body,
      };
    });
    if (updated === null) throw new PageNotFoundError(id);
    return updated;
  }
}
