/** Wanted values of a record's fields; an undefined value means "no filter on this field". */
export type EqualityFilters<T> = { [K in keyof T]?: T[K] | undefined };

/**
 * A predicate for the records whose fields equal every given value: the in-memory twin of
 * the Firestore adapters' `whereEqual`, so both backends filter a list alike.
 */
export function whereEqual<T extends object>(filters: EqualityFilters<T>): (record: T) => boolean {
  const wanted = Object.entries(filters).filter(([, value]) => value !== undefined);
  return (record) => wanted.every(([field, value]) => Reflect.get(record, field) === value);
}
