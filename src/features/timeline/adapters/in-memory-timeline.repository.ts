import { newestFirst } from '../../../backends/memory/scoped-records';
import type { Scope } from '../../../common/scope/scope';
import { TimelineIdTakenError } from '../timeline.errors';
import { TimelineRepository, type TimelineTransaction } from '../timeline.repository';
import {
  PARENT_FIELD,
  type TimelineChildType,
  type TimelineProject,
  type TimelineRecords,
  type TimelineRecordType,
} from '../timeline.types';
import { TimelineWriteBuffer, type TimelineWrite } from './timeline-write-buffer';

type AnyRecord = TimelineRecords[TimelineRecordType];
type Tables = Map<TimelineRecordType, Map<string, AnyRecord>>;

/**
 * Dev/test adapter: tables keyed by scope. Units run one at a time (a promise queue), which
 * gives them the isolation Firestore transactions have. Forgets everything at restart.
 */
export class InMemoryTimelineRepository extends TimelineRepository {
  private readonly scopes = new Map<string, Tables>();
  private queue: Promise<unknown> = Promise.resolve();

  get<T extends TimelineRecordType>(
    scope: Scope,
    type: T,
    id: string,
  ): Promise<TimelineRecords[T] | null> {
    const record = this.table(scope, type).get(id);
    return Promise.resolve(
      record === undefined ? null : (structuredClone(record) as TimelineRecords[T]),
    );
  }

  children<T extends TimelineChildType>(
    scope: Scope,
    type: T,
    parentId: string,
  ): Promise<TimelineRecords[T][]> {
    const field = PARENT_FIELD[type];
    const found = [...this.table(scope, type).values()].filter(
      (r) => (r as unknown as Record<string, unknown>)[field] === parentId,
    );
    return Promise.resolve(structuredClone(found) as TimelineRecords[T][]);
  }

  listProjects(scope: Scope, page: { limit: number; before?: string }): Promise<TimelineProject[]> {
    const projects = [...this.table(scope, 'project').values()] as TimelineProject[];
    return Promise.resolve(structuredClone(newestFirst(projects, page.before, page.limit)));
  }

  transact<R>(scope: Scope, work: (tx: TimelineTransaction) => Promise<R>): Promise<R> {
    const run = this.queue.then(() => this.runUnit(scope, work));
    this.queue = run.catch(() => undefined);
    return run;
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
    if (writes.some((w) => w.op === 'create' && this.table(scope, w.type).has(w.id)))
      throw new TimelineIdTakenError();
    for (const w of writes) {
      if (w.op === 'delete') this.table(scope, w.type).delete(w.id);
      else this.table(scope, w.type).set(w.id, w.record);
    }
  }

  private table(scope: Scope, type: TimelineRecordType): Map<string, AnyRecord> {
    let tables = this.scopes.get(scope.toString());
    if (tables === undefined) {
      tables = new Map();
      this.scopes.set(scope.toString(), tables);
    }
    let table = tables.get(type);
    if (table === undefined) {
      table = new Map();
      tables.set(type, table);
    }
    return table;
  }
}
