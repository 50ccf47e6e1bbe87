import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain.error';
import { SORTABLE_ID_CURSOR, type Page } from '../../common/http/pagination';
import { RequestContext } from '../../common/request-context/request-context';
import { MemoryRepository } from './memory.repository';
import type { Blackboard, MemoryMessage, NewMemoryMessage, SessionRef } from './memory.types';
import { BlackboardNotFoundError } from './memory.errors';

/**
 * Agent memory of the request's project: sessions private to the calling user (their token
 * `sub`), and blackboards shared by everyone in the project.
 */
@Injectable()
export class MemoryService {
  constructor(
    private readonly memory: MemoryRepository,
    private readonly context: RequestContext,
  ) {}

  append(sessionId: string, message: NewMemoryMessage): Promise<MemoryMessage> {
    return this.memory.appendMessage(this.context.scope, this.session(sessionId), message);
  }

  /** Oldest first. Another user's session, like an unused one, reads as empty. */
  async messages(
    sessionId: string,
    page: { limit?: number; after?: string; cursor?: string },
  ): Promise<Page<MemoryMessage>> {
    if (page.after !== undefined && page.cursor !== undefined) {
      throw new ValidationFailedError([
        { field: 'after', problems: ['give either after or cursor, not both'] },
      ]);
    }
    const { limit, position } = SORTABLE_ID_CURSOR.start(page);
    const fetched = await this.memory.listMessages(this.context.scope, this.session(sessionId), {
      limit: limit + 1,
      after: page.after ?? position,
    });
    return SORTABLE_ID_CURSOR.page(fetched, limit, (last) => last.id);
  }

  async blackboard(key: string): Promise<Blackboard> {
    const entry = await this.memory.getBlackboard(this.context.scope, key);
    if (entry === null) throw new BlackboardNotFoundError(key);
    return entry;
  }

  putBlackboard(
    key: string,
    value: { data: unknown; expires_at?: string | null },
    expectedVersion?: number,
  ): Promise<Blackboard> {
    const expiresAt =
      value.expires_at === undefined || value.expires_at === null
        ? null
        : new Date(value.expires_at);
    if (expiresAt !== null && expiresAt.getTime() <= Date.now()) {
      throw new ValidationFailedError([
        {
          field: 'expires_at',
          problems: ['expires_at must be in the future (or absent for no expiry)'],
        },
      ]);
    }
    return this.memory.putBlackboard(
      this.context.scope,
      key,
      { data: value.data, expiresAt: expiresAt?.toISOString() ?? null },
      { actor: this.context.principal.subject, expectedVersion },
    );
  }

  async deleteBlackboard(key: string, expectedVersion?: number): Promise<void> {
    if (!(await this.memory.deleteBlackboard(this.context.scope, key, { expectedVersion })))
      throw new BlackboardNotFoundError(key);
  }

  private session(sessionId: string): SessionRef {
    return { owner: this.context.principal.subject, sessionId };
  }
}
