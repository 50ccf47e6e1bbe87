import { Injectable } from '@nestjs/common';
import { STRING_CURSOR, type Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { SeoRepository } from './seo.repository';
import { SeoNotFoundError, SeoVersionConflictError } from './seo.errors';
import { SEO_FIELD_NAMES, type SeoConfig, type SeoFields, type SeoKey } from './seo.types';

/** Filters and page of `GET /seo/pages`. */
export interface SeoListQuery {
  surface?: string;
  limit?: number;
  cursor?: string;
}

/** SEO settings per (surface, page_type), replaced whole by each PUT. */
@Injectable()
export class SeoService {
  constructor(
    private readonly configs: SeoRepository,
    private readonly context: RequestContext,
  ) {}

  async get(key: SeoKey): Promise<SeoConfig> {
    const config = await this.configs.get(this.context.scope, key);
    if (config === null) throw new SeoNotFoundError(key);
    return config;
  }

  async list(query: SeoListQuery): Promise<Page<SeoConfig>> {
    const { limit, position } = STRING_CURSOR.start(query);
    const configs = await this.configs.list(this.context.scope, {
      surface: query.surface,
      before: position,
      limit: limit + 1,
    });
    return STRING_CURSOR.page(configs, limit, (last) => last.id);
  }

  /**
   * Creates or replaces the config; fields not given become null. With `expectedVersion`
   * (If-Match) the stored version must be that one, so a missing config is a conflict.
   */
  put(key: SeoKey, fields: Partial<SeoFields>, expectedVersion?: number): Promise<SeoConfig> {
    const now = new Date().toISOString();
    const id = newSortableId();
    const actor = this.context.principal.subject;
    const values = Object.fromEntries(
      SEO_FIELD_NAMES.map((name) => [name, fields[name] ?? null]),
    ) as unknown as SeoFields;
    return this.configs.put(this.context.scope, key, (current) => {
      if (expectedVersion !== undefined && current?.version !== expectedVersion) {
        throw new SeoVersionConflictError(expectedVersion, current?.version ?? null);
      }
      return {
        ...key,
        ...values,
        id: current?.id ?? id,
        version: (current?.version ?? 0) + 1,
        created_at: current?.created_at ?? now,
        updated_at: now,
        updated_by: actor,
      };
    });
  }

  async delete(key: SeoKey): Promise<void> {
    if (!(await this.configs.delete(this.context.scope, key))) throw new SeoNotFoundError(key);
  }
}
