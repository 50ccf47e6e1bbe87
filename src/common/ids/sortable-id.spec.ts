import { runWithIdSeed } from './id-seed';
import {
  invertSortableId,
  newSortableId,
  SORTABLE_ID_FORMAT,
  sortableIdFloor,
  timeOfSortableId,
} from './sortable-id';

describe('sortable ids', () => {
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

  it('clamps the floor of a time before the epoch to the smallest id', () => {
    expect(sortableIdFloor(-5)).toBe('0'.repeat(26));
    expect(timeOfSortableId(sortableIdFloor(-5))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('inverts ids so that newer ones sort first, and inverting twice gives the id back', () => {
    const older = newSortableId(Date.parse('2031-02-03T04:05:06.789Z'));
    const newer = newSortableId(Date.parse('2031-02-03T04:05:06.790Z'));
    expect(invertSortableId(newer) < invertSortableId(older)).toBe(true);
    expect(invertSortableId(invertSortableId(older))).toBe(older);
    expect(invertSortableId(older)).toMatch(SORTABLE_ID_FORMAT);
    expect(invertSortableId('0z')).toBe('z0');
  });

  it('keeps characters outside the id alphabet when inverting', () => {
    expect(invertSortableId('0/.ILilou')).toBe('z/.ILilou');
  });
});

describe('seeded sortable ids', () => {
  const at = Date.parse('2031-02-03T04:05:06.789Z');

  it('makes the same ids in the same order for the same seed and time', () => {
    const two = (): [string, string] => [newSortableId(), newSortableId()];
    const [a, b] = runWithIdSeed('t_acme|key-1', at, two);
    expect(runWithIdSeed('t_acme|key-1', at, two)).toEqual([a, b]);
    expect(a < b).toBe(true);
    expect(timeOfSortableId(a)).toBe('2031-02-03T04:05:06.789Z');
  });

  it('makes other ids for another seed, and random ids outside a seeded run', async () => {
    const a = runWithIdSeed('t_acme|key-1', at, () => newSortableId());
    const b = runWithIdSeed('t_beta|key-1', at, () => newSortableId());
    expect(a).not.toBe(b);
    expect(newSortableId(at)).not.toBe(a);
    const later = await runWithIdSeed('t_acme|key-1', at, async () => {
      await new Promise((r) => setImmediate(r));
      return newSortableId(Date.now());
    });
    expect(later).toBe(a);
    expect(a).toMatch(SORTABLE_ID_FORMAT);
  });
});
