import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { MaybeItem } from './maybes.types';

/**
 * The one collection of a maybes scope in a move's record stream: a record per item, the
 * item as the port returns it (id, version and timestamps kept), so every adapter exports
 * and imports the same records.
 */
export const MAYBES_ITEMS = 'items';

/** The record a move carries for an item. */
export function maybeRecord(item: MaybeItem): ScopeRecord {
  return { collection: MAYBES_ITEMS, id: item.id, data: item };
}

/**
 * The item a record carries, refusing records of another collection or whose id is not
 * the item's (a move would otherwise store an item under the wrong id). Fields are not
 * checked here: the Firestore adapter reads them with its document reader.
 */
export function maybeOfRecord(record: ScopeRecord): MaybeItem {
  const item = record.data as MaybeItem | null;
  if (record.collection !== MAYBES_ITEMS || item?.id !== record.id) {
    throw new Error(`maybes: no item record: ${record.collection}/${record.id}`);
  }
  return item;
}
