import { Firestore, type Query } from '@google-cloud/firestore';
import {
  readIndexFile,
  scanCollectionIds,
  type CollectionIds,
  type IndexFile,
} from '../../../scripts/firestore-indexes';
import { failureReport, usageReport } from '../../utils/firestore-index-report';
import {
  checkQuery,
  indexFor,
  indexNeed,
  placeCollection,
  queryOrder,
  serves,
} from '../../utils/firestore-index-rules';
import { requestOf, shapeOf, type QueryShape } from '../../utils/firestore-query-shape';

/**
 * The rules the Firestore suites' index check (test/setup/firestore-index-check.ts) applies
 * to every query the adapters run. Queries are built on a real client that never connects:
 * reading a query's structure needs no server.
 */
describe('Firestore index check', () => {
  const db = new Firestore({ projectId: 'index-check', host: '127.0.0.1:1', ssl: false });
  const file = readIndexFile();
  let ids: CollectionIds;
  const scoped = (prefix: string, name: string): Query =>
    db
      .collection(`${prefix}tenants`)
      .doc('t_a')
      .collection('envs')
      .doc('prod')
      .collection('projects')
      .doc('-')
      .collection(name);
  const shape = (query: Query): QueryShape => shapeOf(requestOf(query));

  beforeAll(() => {
    ids = scanCollectionIds();
  });
  afterAll(() => db.terminate());

  it('reads filters and orders from the request the client sends', () => {
    const query = scoped('dev_', 'strategy_locks')
      .where('status', 'in', ['approved'])
      .where('allowed_actions', 'array-contains-any', ['deploy'])
      .where('valid_until', '>', 'x')
      .orderBy('valid_until', 'desc')
      .limit(5);
    expect(shape(query)).toEqual({
      parent: 'dev_tenants/t_a/envs/prod/projects/-',
      collectionId: 'strategy_locks',
      allDescendants: false,
      equalities: ['status'],
      contains: ['allowed_actions'],
      inequalities: ['valid_until'],
      orderBy: [{ field: 'valid_until', direction: 'DESCENDING' }],
    });
  });

  it('orders by inequality fields not ordered yet, by name, in the last direction', () => {
    const q = shape(db.collection('c').where('b', '>', 1).where('a', '<', 2));
    expect(queryOrder(q)).toEqual([
      { field: 'a', direction: 'ASCENDING' },
      { field: 'b', direction: 'ASCENDING' },
    ]);
    const desc = shape(db.collection('c').where('b', '>', 1).orderBy('x', 'desc'));
    expect(queryOrder(desc).map((o) => o.direction)).toEqual(['DESCENDING', 'DESCENDING']);
    const byId = shape(db.collection('c').orderBy('a', 'desc').orderBy('__name__', 'desc'));
    expect(queryOrder(byId)).toEqual([{ field: 'a', direction: 'DESCENDING' }]);
  });

  it('needs no composite index where single-field indexes serve the query', () => {
    const none = [
      db.collection('c').orderBy('id', 'desc'),
      db.collection('c').where('id', '<', 'k').orderBy('id', 'desc'),
      db.collection('c').where('a', '==', 1).where('b', '==', 2).where('t', 'array-contains', 3),
      db.collection('c').where('parent', '==', 'p').limit(10),
    ];
    expect(none.map((q) => indexNeed(shape(q)))).toEqual([null, null, null, null]);
  });

  it('needs equality, then array-contains, then order fields otherwise', () => {
    const need = indexNeed(
      shape(db.collection('c').where('z', '==', 1).where('t', 'array-contains', 2).orderBy('id')),
    );
    expect(indexFor(need!)).toEqual({
      collectionGroup: 'c',
      queryScope: 'COLLECTION',
      fields: [
        { fieldPath: 'z', order: 'ASCENDING' },
        { fieldPath: 't', arrayConfig: 'CONTAINS' },
        { fieldPath: 'id', order: 'ASCENDING' },
      ],
    });
    expect(indexNeed(shape(db.collection('c').orderBy('a').orderBy('b')))).not.toBeNull();
  });

  it('matches equality fields in any order, order fields exactly', () => {
    const need = indexNeed(
      shape(db.collection('c').where('a', '==', 1).where('b', '==', 2).orderBy('id', 'desc')),
    )!;
    const entry = (...fields: [string, 'ASCENDING' | 'DESCENDING'][]) => ({
      collectionGroup: 'c',
      queryScope: 'COLLECTION' as const,
      fields: fields.map(([fieldPath, order]) => ({ fieldPath, order })),
    });
    expect(serves(entry(['b', 'DESCENDING'], ['a', 'ASCENDING'], ['id', 'DESCENDING']), need)).toBe(
      true,
    );
    expect(serves(entry(['a', 'ASCENDING'], ['b', 'ASCENDING'], ['id', 'ASCENDING']), need)).toBe(
      false,
    );
    expect(serves(entry(['a', 'ASCENDING'], ['id', 'DESCENDING']), need)).toBe(false);
  });

  it('maps a queried collection back to its id in the file and the route prefix', () => {
    expect(placeCollection(shape(scoped('dev_', 'pages')), ids)).toEqual({
      prefix: 'dev',
      name: 'pages',
    });
    expect(placeCollection(shape(scoped('', 'pages')), ids)).toEqual({ prefix: '', name: 'pages' });
    expect(placeCollection(shape(db.collection('qa_realtime_threads')), ids)).toEqual({
      prefix: 'qa',
      name: 'realtime_threads',
    });
    expect(placeCollection(shape(db.collection('registry_revisions')), ids)).toEqual({
      prefix: '',
      name: 'registry_revisions',
    });
    expect(placeCollection(shape(db.collection('qa_no_such_collection')), ids)).toBeNull();
    expect(placeCollection(shape(scoped('dev_', 'no_such_collection')), ids)).toBeNull();
  });

  describe('against firestore.indexes.json', () => {
    const pages = (): Query =>
      scoped('pg_', 'pages').where('surface', '==', 's').orderBy('id', 'desc').limit(10);
    const without = (drop: (i: IndexFile['indexes'][number]) => boolean): IndexFile => ({
      ...file,
      indexes: file.indexes.filter((i) => !drop(i)),
    });
    const isPagesBySurface = (i: IndexFile['indexes'][number]): boolean =>
      i.collectionGroup === 'pages' &&
      JSON.stringify(i.fields.map((f) => f.fieldPath)) === '["surface","id"]';

    it('finds the entry a query uses, as written in the file', () => {
      const check = checkQuery(shape(pages()), file, ids);
      expect(check).toEqual({ kind: 'covered', entry: file.indexes.find(isPagesBySurface) });
    });

    it('fails a query whose entry is missing, naming it, its caller and the entry to add', () => {
      const entry = file.indexes.find(isPagesBySurface);
      const check = checkQuery(shape(pages()), without(isPagesBySurface), ids);
      expect(check).toEqual({ kind: 'missing', add: entry });
      const query = 'pages where surface == . order by id desc';
      const report = failureReport([{ query, at: 'src/x.ts:1', check }], []);
      expect(report).toContain(
        `- ${query}\n    run at src/x.ts:1\n    add: ${JSON.stringify(entry)}`,
      );
    });

    it('needs a top-level collection opened through the route under its prefixed id', () => {
      const threads = (prefix: string): Query =>
        db.collection(`${prefix}realtime_threads`).where('owner', '==', 'u').orderBy('at');
      const onThreads = {
        collectionGroup: 'realtime_threads',
        queryScope: 'COLLECTION' as const,
        fields: [
          { fieldPath: 'owner', order: 'ASCENDING' as const },
          { fieldPath: 'at', order: 'ASCENDING' as const },
        ],
      };
      const withThreads: IndexFile = { indexes: [onThreads], fieldOverrides: [] };
      expect(checkQuery(shape(threads('qa_')), withThreads, ids)).toEqual({
        kind: 'covered',
        entry: onThreads,
      });
      expect(
        checkQuery(
          shape(threads('qa_')),
          without(() => false),
          ids,
        ),
      ).toEqual({
        kind: 'missing',
        add: onThreads,
      });
    });

    it('lists the entries no recorded query used, only on collections the run queried', () => {
      const check = checkQuery(shape(pages()), file, ids);
      const report = usageReport([{ query: 'q', at: 'src/x.ts:1', check }], file) ?? '';
      const unusedPages = file.indexes.filter((i) => i.collectionGroup === 'pages').length - 1;
      expect(report.split('\n').filter((l) => l.startsWith('  pages ('))).toHaveLength(unusedPages);
      expect(report).not.toMatch(/^ {2}budget_usage \(/m);
      expect(usageReport([], file)).toBeNull();
    });
  });
});
