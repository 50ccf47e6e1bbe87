import { newSortableId } from '../../common/ids/sortable-id';
import { sortableIdFloor, timeOfSortableId } from './nexus-ids';

describe('nexus-ids', () => {
  it('reads back the time newSortableId encoded', () => {
    const at = Date.parse('2031-02-03T04:05:06.789Z');
    const id = newSortableId(at);
    expect(timeOfSortableId(id) >= '2031-02-03T04:05:06.789Z').toBe(true);
    expect(timeOfSortableId(sortableIdFloor(at))).toBe('2031-02-03T04:05:06.789Z');
  });

  it('bounds ids: every id made at or after a time sorts at or above its floor, earlier ones below', () => {
    const at = Date.parse('2031-02-03T04:05:06.789Z');
    expect(sortableIdFloor(at) <= newSortableId(at + 1)).toBe(true);
    expect(sortableIdFloor(at + 1) > sortableIdFloor(at).slice(0, 10) + 'z'.repeat(16)).toBe(true);
    expect(sortableIdFloor(at)).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });
});
