/** How a backfill reads one kind's ledger and adds it to that kind's running totals. */
export interface BackfillSource<T> {
  /** One page, newest first, of records created before the cut-off, older than `cursor`. */
  page(limit: number, cursor: string | undefined): Promise<T[]>;
  /** Adds records to the running totals. */
  addTotals(records: T[]): Promise<void>;
  /** The keyset cursor of a record (its sort key). */
  sortKey(record: T): string;
}

/**
 * Adds every record of a ledger to its running totals, page by page, newest first; returns
 * how many. The shared loop of each kind's backfill (the kind says how to read and add).
 */
export async function backfillTotals<T>(
  source: BackfillSource<T>,
  pageSize: number,
): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await source.page(pageSize, cursor);
    if (page.length > 0) await source.addTotals(page);
    count += page.length;
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return count;
    cursor = source.sortKey(last);
  }
}
