import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { TimelineIdTakenError } from '../timeline.errors';
import { TimelineRepository, type TimelineTransaction } from '../timeline.repository';
import {
  PARENT_FIELD,
  type TimelineChildType,
  type TimelineProject,
  type TimelineRecords,
  type TimelineRecordType,
} from '../timeline.types';
import {
  TIMELINE_RECORD_TYPES,
  timelineRecordOf,
  timelineScopeRecord,
  type AnyTimelineRecord,
} from '../timeline.scope-data';
import { TimelineWriteBuffer, type TimelineWrite } from './timeline-write-buffer';

/**
 * Dev/test adapter: tables keyed by scope. Units run one at a time (a promise queue), which
 * gives them the isolation Firestore transactions have. Forgets everything at restart.
 */
export class InMemoryTimelineRepository extends TimelineRepository implements ScopeData {
  private readonly tables: Record<TimelineRecordType, ScopedRecords<AnyTimelineRecord>> = {
    project: new ScopedRecords(),
    sequence: new ScopedRecords(),
    track: new ScopedRecords(),
    clip: new ScopedRecords(),
    transition: new ScopedRecords(),
  };
  private queue: Promise<unknown> = Promise.resolve();

  get<T extends TimelineRecordType>(
    scope: Scope,
    type: T,
    id: string,
  ): Promise<TimelineRecords[T] | null> {
    return Promise.resolve(this.tables[type].get(scope, id) as TimelineRecords[T] | null);
  }

  children<T extends TimelineChildType>(
    scope: Scope,
    type: T,
    parentId: string,
  ): Promise<TimelineRecords[T][]> {
    const field = PARENT_FIELD[type];
    const found = this.tables[type]
      .values(scope)
      .filter((r) => (r as unknown as Record<string, unknown>)[field] === parentId);
    return Promise.resolve(found as TimelineRecords[T][]);
  }

  listProjects(scope: Scope, page: { limit: number; before?: string }): Promise<TimelineProject[]> {
    const projects = this.tables.project.values(scope) as TimelineProject[];
    return Promise.resolve(newestFirst(projects, page.before, page.limit));
  }

  transact<R>(scope: Scope, work: (tx: TimelineTransaction) => Promise<R>): Promise<R> {
    return this.serially(() => this.runUnit(scope, work));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(
      TIMELINE_RECORD_TYPES.flatMap((type) =>
        this.tables[type].values(scope).map((record) => timelineScopeRecord(type, record)),
      ),
    );
  }

  /** Runs in the unit queue, so an import never lands between a unit's reads and its writes. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const writes = records.map(timelineRecordOf);
    return this.serially(() => {
      for (const { type, record } of writes) this.tables[type].set(scope, record.id, record);
      return Promise.resolve();
    });
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const held = new Map<string, Scope>();
    for (const type of TIMELINE_RECORD_TYPES)
      for (const scope of this.tables[type].scopesHeld(tenantId, env))
        held.set(String(scope), scope);
    return Promise.resolve([...held.values()]);
  }

  deleteScope(scope: Scope): Promise<void> {
    return this.serially(() => {
      for (const type of TIMELINE_RECORD_TYPES) this.tables[type].clear(scope);
      return Promise.resolve();
    });
  }

  /** Runs `run` after every unit queued before it, alone. */
  private serially<R>(run: () => Promise<R>): Promise<R> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runUnit<R>(
    scope: Scope,
    work: (tx: TimelineTransaction) => Promise<R>,
  ): Promise<R> {
    const buffer = new TimelineWriteBuffer();
    const tx: TimelineTransaction = {
      get: (type, id) => this.get(scope, type, id),
      children: (type, parentId) => this.children(scope, type, parentId),
      create: (type, record) => buffer.create(type, record),
      put: (type, record) => buffer.put(type, record),
      delete: (type, id) => buffer.delete(type, id),
    };
    const result = await work(tx);
    this.apply(scope, buffer.ordered());
    return result;
  }

  private apply(scope: Scope, writes: TimelineWrite[]): void {
    if (writes.some((w) => w.op === 'create' && this.tables[w.type].has(scope, w.id)))
      throw new TimelineIdTakenError();
    for (const w of writes) {
      if (w.op === 'delete') this.tables[w.type].delete(scope, w.id);
      else this.tables[w.type].set(scope, w.id, w.record);
    }
  }
}
