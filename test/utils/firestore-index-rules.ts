import {
  withPrefixes,
  type CollectionIds,
  type CompositeIndex,
  type IndexField,
  type IndexFile,
} from '../../scripts/firestore-indexes';
import type { QueryOrder, QueryShape } from './firestore-query-shape';

/** Every document id is the implicit last order of a query and the implicit last field of an index. */
const DOCUMENT_ID = '__name__';

/**
 * The root of every scoped collection (`{prefix_}tenants/...`): opened by the Firestore
 * driver's `scoped()`, not by an adapter, so the adapter scan does not list it.
 */
const SCOPE_ROOT = 'tenants';

/**
 * The order Firestore runs a query in (StructuredQuery.orderBy): the explicit orders, then
 * every inequality field not ordered yet, by field name, in the direction of the last order
 * (ascending without one), then `__name__`. The trailing `__name__` is dropped, since every
 * index ends with it in the direction of its last field.
 */
export function queryOrder(shape: QueryShape): QueryOrder[] {
  const order = [...shape.orderBy];
  const direction = order.at(-1)?.direction ?? 'ASCENDING';
  const ordered = new Set(order.map((o) => o.field));
  for (const field of [...new Set(shape.inequalities)].sort())
    if (!ordered.has(field)) order.push({ field, direction });
  const last = order.at(-1);
  if (last?.field === DOCUMENT_ID && (order.at(-2)?.direction ?? 'ASCENDING') === last.direction)
    order.pop();
  return order;
}

/** A composite index a query needs: what its first fields match, then how it is ordered. */
export interface IndexNeed {
  collectionGroup: string;
  equalities: string[];
  contains: string[];
  order: QueryOrder[];
}

/**
 * The composite index a query needs on real Firestore, or null when the automatic
 * single-field indexes serve it: one order (or range) field and no equality, or equalities
 * and array-contains only (Firestore merges their single-field indexes). Anything else
 * needs the equality fields, then the array-contains field, then the order fields with their
 * directions (Firestore's "index types": queries supported by single-field indexes).
 */
export function indexNeed(shape: QueryShape): IndexNeed | null {
  if (shape.allDescendants)
    throw new Error(`collection group queries are not checked (${shape.collectionId})`);
  const order = queryOrder(shape);
  // In the order the query filters them, as the file lists them; serves() ignores the order.
  const equalities = [...new Set(shape.equalities)];
  const contains = [...new Set(shape.contains)];
  if (order.length === 0) return null;
  if (equalities.length + contains.length === 0 && order.length === 1) return null;
  return { collectionGroup: shape.collectionId, equalities, contains, order };
}

/** The firestore.indexes.json entry for a need (equality fields ascending). */
export function indexFor(need: IndexNeed, collectionGroup = need.collectionGroup): CompositeIndex {
  return {
    collectionGroup,
    queryScope: 'COLLECTION',
    fields: [
      ...need.equalities.map((fieldPath): IndexField => ({ fieldPath, order: 'ASCENDING' })),
      ...need.contains.map((fieldPath): IndexField => ({ fieldPath, arrayConfig: 'CONTAINS' })),
      ...need.order.map(({ field, direction }): IndexField => ({
        fieldPath: field,
        order: direction,
      })),
    ],
  };
}

/**
 * True when `entry` serves the need: its first fields are the equality and array-contains
 * fields (in any order; an equality in either direction), the rest are the order fields with
 * the same directions, and nothing more.
 */
export function serves(entry: CompositeIndex, need: IndexNeed): boolean {
  const matched = need.equalities.length + need.contains.length;
  if (entry.queryScope !== 'COLLECTION' || entry.fields.length !== matched + need.order.length)
    return false;
  const head = entry.fields.slice(0, matched);
  const headOk =
    need.equalities.every((f) => head.some((e) => e.fieldPath === f && e.order !== undefined)) &&
    need.contains.every((f) => head.some((e) => e.fieldPath === f && e.arrayConfig === 'CONTAINS'));
  return (
    headOk &&
    need.order.every(
      (o, n) =>
        entry.fields[matched + n]?.fieldPath === o.field &&
        entry.fields[matched + n]?.order === o.direction,
    )
  );
}

/** Where a queried collection sits in firestore.indexes.json: the route prefix and the id there. */
export interface Placement {
  prefix: string;
  name: string;
}

/**
 * Maps a queried collection back to its entry name in the file, and the collection prefix of
 * the route that opened it, from the path's first segment: `{prefix}_{name}` for a top-level
 * collection opened through the route (or `{prefix}_tenants` above a scoped one), the id
 * itself for the registry's. Null for a collection no adapter opens.
 */
export function placeCollection(shape: QueryShape, ids: CollectionIds): Placement | null {
  const topLevel = shape.parent === '';
  const root = topLevel ? shape.collectionId : (shape.parent.split('/')[0] ?? '');
  if (ids.unprefixed.has(root)) return topLevel ? { prefix: '', name: root } : nested('');
  const base = [...ids.prefixed, SCOPE_ROOT]
    .filter((n) => root === n || root.endsWith(`_${n}`))
    .sort((a, b) => b.length - a.length)[0];
  if (base === undefined) return null;
  const prefix = root.slice(0, Math.max(0, root.length - base.length - 1));
  if (!topLevel) return nested(prefix);
  return base === SCOPE_ROOT ? null : { prefix, name: base };

  function nested(prefix: string): Placement | null {
    const known = ids.scoped.has(shape.collectionId) || ids.nested.has(shape.collectionId);
    return known ? { prefix, name: shape.collectionId } : null;
  }
}

/** What the index file says about one query. */
export type IndexCheck =
  | { kind: 'single-field' }
  | { kind: 'covered'; entry: CompositeIndex }
  | { kind: 'missing'; add: CompositeIndex }
  | { kind: 'unplaced' };

/**
 * Checks one query against the file as it is deployed for the query's collection prefix
 * ({@link withPrefixes}); a covering entry is returned as it is written in the file.
 */
export function checkQuery(shape: QueryShape, file: IndexFile, ids: CollectionIds): IndexCheck {
  const need = indexNeed(shape);
  if (need === null) return { kind: 'single-field' };
  const place = placeCollection(shape, ids);
  if (place === null) return { kind: 'unplaced' };
  const own = file.indexes.filter((i) => i.collectionGroup === place.name);
  const deployed = withPrefixes({ indexes: own, fieldOverrides: [] }, [place.prefix], ids);
  const entry = deployed.indexes.find(
    (i) => i.collectionGroup === shape.collectionId && serves(i, need),
  );
  return entry === undefined
    ? { kind: 'missing', add: indexFor(need, place.name) }
    : { kind: 'covered', entry: { ...entry, collectionGroup: place.name } };
}
