import { Injectable } from '@nestjs/common';
import { assertCreatorOrAdmin } from '../../common/auth/ownership';
import { ValidationFailedError } from '../../common/errors/domain.error';
import { SORTABLE_ID_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { MaybesRepository } from './maybes.repository';
import type { MaybeChanges, MaybeFilter, MaybeItem } from './maybes.types';
import { MaybeNotFoundError } from './maybes.errors';

/** What a new item is made from; missing fields take their defaults. */
export type NewMaybe = Pick<MaybeItem, 'title'> &
  Partial<Pick<MaybeItem, 'body' | 'tags' | 'pinned' | 'archived'>>;

/** The scratchpad: items of the request's project; only the creator or an admin changes one. */
@Injectable()
export class MaybesService {
  constructor(
    private readonly maybes: MaybesRepository,
    private readonly context: RequestContext,
  ) {}

  create(input: NewMaybe): Promise<MaybeItem> {
    const actor = this.context.principal.subject;
    const now = new Date().toISOString();
    return this.maybes.create(this.context.scope, {
      id: newSortableId(),
      title: input.title,
      body: input.body ?? '',
      tags: unique(input.tags ?? []),
      pinned: input.pinned ?? false,
      archived: input.archived ?? false,
      created_by: actor,
      created_at: now,
      updated_at: now,
      updated_by: actor,
      version: 1,
    });
  }

  async get(id: string): Promise<MaybeItem> {
    const item = await this.maybes.get(this.context.scope, id);
    if (item === null) throw new MaybeNotFoundError(id);
    return item;
  }

  /** Newest first; see `MaybesRepository.search` for how `q` pages. */
  async list(filter: MaybeFilter, page: ListRequest): Promise<Page<MaybeItem>> {
    const { limit, position } = SORTABLE_ID_CURSOR.start(page);
    const result = await this.maybes.search(
      this.context.scope,
      { ...filter, tagsAny: filter.tagsAny ? unique(filter.tagsAny) : undefined },
      { limit, before: position },
    );
    return { items: result.items, next_cursor: SORTABLE_ID_CURSOR.write(result.continueBefore) };
  }

  async update(id: string, changes: MaybeChanges, expectedVersion?: number): Promise<MaybeItem> {
    if (Object.values(changes).every((v) => v === undefined)) {
      throw new ValidationFailedError([
        { field: 'patch', problems: ['give at least one of title, body, tags, pinned, archived'] },
      ]);
    }
    const current = await this.get(id);
    assertCreatorOrAdmin(this.context, current.created_by);
    const normalized = { ...changes, tags: changes.tags ? unique(changes.tags) : undefined };
    const updated = await this.maybes.update(this.context.scope, id, normalized, {
      actor: this.context.principal.subject,
      expectedVersion,
    });
    if (updated === null) throw new MaybeNotFoundError(id);
    return updated;
  }

  async remove(id: string, expectedVersion?: number): Promise<void> {
    const current = await this.get(id);
    assertCreatorOrAdmin(this.context, current.created_by);
    if (!(await this.maybes.delete(this.context.scope, id, { expectedVersion })))
      throw new MaybeNotFoundError(id);
  }
}

function unique(tags: string[]): string[] {
  return [...new Set(tags)];
}
