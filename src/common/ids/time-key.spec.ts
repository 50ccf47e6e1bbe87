import { newSortableId } from './sortable-id';
import { timeSortKey } from './time-key';

describe('timeSortKey', () => {
  const at = '2024-05-01T12:00:00.000Z';

  it('orders by time first, then by id within the same instant', () => {
    const [a, b] = [newSortableId(), newSortableId()] as [string, string];
    expect(timeSortKey('2024-05-01T11:59:59.999Z', b) < timeSortKey(at, a)).toBe(true);
    expect(timeSortKey(at, a) < timeSortKey(at, b)).toBe(true);
  });

  it('treats a bare time as the start of its instant: since includes it, until excludes it', () => {
    const key = timeSortKey(at, newSortableId());
    expect(key >= at).toBe(true);
    expect(key < at).toBe(false);
    expect(key < '2024-05-01T12:00:00.001Z').toBe(true);
  });
});
