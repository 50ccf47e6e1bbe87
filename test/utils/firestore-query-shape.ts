import type { Query } from '@google-cloud/firestore';

/** One field a query orders on, as Firestore's wire format names directions. */
export interface QueryOrder {
  field: string;
  direction: 'ASCENDING' | 'DESCENDING';
}

/**
 * What decides the index a query needs, read from the request the client sends: where the
 * collection is, which fields are matched for equality (`==`, `in`, null/NaN checks) or
 * membership (`array-contains(-any)`), which are ranged (`<`, `!=`, `not-in`, ...), and the
 * explicit order. Values, limits and cursors do not change the index and are left out.
 */
export interface QueryShape {
  /** Path of the parent document below the database root; `''` for a top-level collection. */
  parent: string;
  collectionId: string;
  /** A collection group query (`db.collectionGroup(id)`). */
  allDescendants: boolean;
  equalities: string[];
  contains: string[];
  inequalities: string[];
  orderBy: QueryOrder[];
}

/** The v1 `StructuredQuery` parts read here (google.firestore.v1, the documented wire format). */
interface FieldReference {
  fieldPath: string;
}
interface WireFilter {
  compositeFilter?: { op: string; filters: WireFilter[] };
  fieldFilter?: { field: FieldReference; op: string };
  unaryFilter?: { field: FieldReference; op: string };
}
interface WireQuery {
  from: { collectionId?: string; allDescendants?: boolean }[];
  where?: WireFilter;
  orderBy?: { field: FieldReference; direction: string }[];
}

const EQUALITY_OPS = new Set(['EQUAL', 'IN', 'IS_NULL', 'IS_NAN']);
const CONTAINS_OPS = new Set(['ARRAY_CONTAINS', 'ARRAY_CONTAINS_ANY']);
const INEQUALITY_OPS = new Set([
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'NOT_EQUAL',
  'NOT_IN',
  'IS_NOT_NULL',
  'IS_NOT_NAN',
]);

/**
 * The request `query` runs as: `{ parent, structuredQuery }`. `Query#toProto()` is internal to
 * the client; checked against @google-cloud/firestore 9.4.1. Throws, naming what is missing,
 * when a newer client no longer has it, so the index check fails instead of seeing nothing.
 */
export function requestOf(query: Query): { parent: string; structuredQuery: WireQuery } {
  const toProto = (query as unknown as { toProto?: unknown }).toProto;
  if (typeof toProto !== 'function')
    throw new Error('Query#toProto() is gone from @google-cloud/firestore: update requestOf()');
  const request = (toProto as () => unknown).call(query) as {
    parent?: unknown;
    structuredQuery?: { from?: unknown };
  };
  if (typeof request?.parent !== 'string' || !Array.isArray(request.structuredQuery?.from))
    throw new Error('Query#toProto() no longer returns { parent, structuredQuery: { from } }');
  return request as { parent: string; structuredQuery: WireQuery };
}

/** Reads a run-query request into the parts that decide its index. */
export function shapeOf(request: { parent: string; structuredQuery: WireQuery }): QueryShape {
  const query = request.structuredQuery;
  const [from, ...more] = query.from;
  if (from?.collectionId === undefined || more.length > 0)
    throw new Error(`a query must select one collection id: ${JSON.stringify(query.from)}`);
  const shape: QueryShape = {
    // `projects/{p}/databases/{d}/documents[/{path}]`
    parent: request.parent.split('/').slice(5).join('/'),
    collectionId: from.collectionId,
    allDescendants: from.allDescendants === true,
    equalities: [],
    contains: [],
    inequalities: [],
    orderBy: (query.orderBy ?? []).map((o) => ({
      field: o.field.fieldPath,
      direction: o.direction === 'DESCENDING' ? 'DESCENDING' : 'ASCENDING',
    })),
  };
  if (query.where !== undefined) addFilter(shape, query.where);
  return shape;
}

function addFilter(shape: QueryShape, filter: WireFilter): void {
  if (filter.compositeFilter !== undefined) {
    // An OR needs an index per disjunct; no adapter builds one, so refuse rather than guess.
    if (filter.compositeFilter.op !== 'AND')
      throw new Error(`${filter.compositeFilter.op} filters are not checked for their indexes`);
    filter.compositeFilter.filters.forEach((f) => addFilter(shape, f));
    return;
  }
  const leaf = filter.fieldFilter ?? filter.unaryFilter;
  if (leaf === undefined) throw new Error(`unknown filter: ${JSON.stringify(filter)}`);
  const field = leaf.field.fieldPath;
  if (EQUALITY_OPS.has(leaf.op)) shape.equalities.push(field);
  else if (CONTAINS_OPS.has(leaf.op)) shape.contains.push(field);
  else if (INEQUALITY_OPS.has(leaf.op)) shape.inequalities.push(field);
  else throw new Error(`unknown filter operator ${leaf.op} on ${field}`);
}

/** One line naming a query: `pages where surface == . and id range . order by id desc`. */
export function describeQuery(shape: QueryShape): string {
  const where = [
    ...shape.equalities.map((f) => `${f} == .`),
    ...shape.contains.map((f) => `${f} array-contains .`),
    ...shape.inequalities.map((f) => `${f} range .`),
  ];
  const order = shape.orderBy.map(
    (o) => `${o.field} ${o.direction === 'DESCENDING' ? 'desc' : 'asc'}`,
  );
  return [
    shape.allDescendants ? `collection group ${shape.collectionId}` : shape.collectionId,
    where.length > 0 ? `where ${[...new Set(where)].join(' and ')}` : '',
    order.length > 0 ? `order by ${order.join(', ')}` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
}
