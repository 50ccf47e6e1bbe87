import { ValidationFailedError } from '../../common/errors/domain.error';
import {
  assertClipTimes,
  durationOf,
  endOf,
  moveClip,
  splitClip,
  trimClip,
  type ClipTiming,
} from './timeline-editing';

const clip = (
  id: string,
  start_ms: number,
  length: number,
  over: Partial<ClipTiming> = {},
): ClipTiming => ({
  id,
  track_id: 'track_a',
  in_ms: 0,
  out_ms: length,
  start_ms,
  speed: 1,
  ...over,
});

// Track A: a [0,1000) b [1000,3000) c [3000,3500); d overlaps b from 1500.
const a = clip('a', 0, 1000);
const b = clip('b', 1000, 2000);
const c = clip('c', 3000, 500);
const d = clip('d', 1500, 100);
const track = [a, b, c, d];

describe('timeline editing math', () => {
  describe('durations', () => {
    it('divides the source range by speed and rounds to whole milliseconds', () => {
      expect(durationOf({ in_ms: 0, out_ms: 1000, speed: 2 })).toBe(500);
      expect(durationOf({ in_ms: 0, out_ms: 1000, speed: 3 })).toBe(333);
      expect(endOf(clip('x', 200, 1000, { speed: 0.5 }))).toBe(2200);
    });

    it('refuses out_ms <= in_ms and ranges that last 0 ms at the speed', () => {
      expect(() => assertClipTimes({ in_ms: 500, out_ms: 500, speed: 1 })).toThrow(
        ValidationFailedError,
      );
      expect(() => assertClipTimes({ in_ms: 0, out_ms: 7, speed: 16 })).toThrow(/lasts 0 ms/);
      expect(() => assertClipTimes({ in_ms: 0, out_ms: 8, speed: 16 })).not.toThrow();
    });
  });

  describe('trim', () => {
    it('keeps the start and moves nothing else without ripple', () => {
      expect(trimClip(b, { out_ms: 1500, ripple: false }, track)).toEqual({
        clip: { ...b, out_ms: 1500 },
        shifts: [],
      });
    });

    it('with ripple, shifts clips starting at or after the old end by the change in duration', () => {
      const shorter = trimClip(b, { in_ms: 200, out_ms: 1500, ripple: true }, track);
      expect(shorter.clip).toMatchObject({ in_ms: 200, out_ms: 1500, start_ms: 1000 });
      expect(shorter.shifts).toEqual([{ id: 'c', start_ms: 3000 - 700 }]);
      const longer = trimClip(a, { out_ms: 1200, ripple: true }, track);
      expect(longer.shifts).toEqual([
        { id: 'b', start_ms: 1200 },
        { id: 'c', start_ms: 3200 },
        { id: 'd', start_ms: 1700 },
      ]);
    });

    it('measures the change on the timeline, so speed scales it', () => {
      const fast = clip('f', 0, 2000, { speed: 2 });
      const next = clip('n', 1000, 100);
      expect(trimClip(fast, { out_ms: 1000, ripple: true }, [fast, next]).shifts).toEqual([
        { id: 'n', start_ms: 500 },
      ]);
    });

    it('refuses a range with out_ms not after in_ms', () => {
      expect(() => trimClip(b, { in_ms: 2000, ripple: true }, track)).toThrow(
        /out_ms \(2000\) must be greater than in_ms \(2000\)/,
      );
    });
  });

  describe('split', () => {
    it('cuts strictly inside the clip: left keeps id and start, right starts at the cut', () => {
      const { left, right } = splitClip({ ...b, in_ms: 100, out_ms: 2100 }, 1600, 'b2');
      expect(left).toMatchObject({ id: 'b', in_ms: 100, out_ms: 700, start_ms: 1000 });
      expect(right).toMatchObject({
        id: 'b2',
        in_ms: 700,
        out_ms: 2100,
        start_ms: 1600,
        track_id: 'track_a',
      });
      expect(endOf(right)).toBe(endOf({ ...b, in_ms: 100, out_ms: 2100 }));
    });

    it('maps the timeline cut to the source through speed', () => {
      const { left, right } = splitClip(clip('s', 0, 4000, { speed: 2 }), 500, 's2');
      expect([left.out_ms, right.in_ms, right.start_ms]).toEqual([1000, 1000, 500]);
    });

    it('refuses a cut on either edge or outside the clip', () => {
      for (const at of [1000, 3000, 999, 4000])
        expect(() => splitClip(b, at, 'x')).toThrow(
          /strictly between the clip's start \(1000\) and end \(3000\)/,
        );
    });

    it('refuses a cut that leaves an empty part once rounded at a slow speed', () => {
      const slow = clip('s', 0, 1, { speed: 0.1 }); // 1 ms of source lasts 10 ms
      expect(() => splitClip(slow, 2, 'x')).toThrow(/too close to the clip's edge/);
    });
  });

  describe('move', () => {
    it('without ripple moves only the clip, possibly to another track', () => {
      expect(
        moveClip(a, { start_ms: 5000, track_id: 'track_b', ripple: false }, track, []),
      ).toEqual({
        clip: { ...a, start_ms: 5000, track_id: 'track_b' },
        shifts: [],
      });
    });

    it('with ripple to another track closes the gap on the origin and opens room on the destination', () => {
      const other = [
        clip('x', 0, 500, { track_id: 'track_b' }),
        clip('y', 500, 500, { track_id: 'track_b' }),
      ];
      const result = moveClip(
        a,
        { start_ms: 500, track_id: 'track_b', ripple: true },
        track,
        other,
      );
      expect(result.clip).toMatchObject({ start_ms: 500, track_id: 'track_b' });
      expect(result.shifts).toEqual(
        expect.arrayContaining([
          { id: 'b', start_ms: 0 },
          { id: 'c', start_ms: 2000 },
          { id: 'd', start_ms: 500 },
          { id: 'y', start_ms: 1500 },
        ]),
      );
      expect(result.shifts).toHaveLength(4);
    });

    it('with ripple on the same track extracts then inserts at the final position', () => {
      // Move a (1000 ms) to just after b: b closes to 0, c to 2000, d to 500; inserting a at
      // 2000 pushes c (now at 2000) to 3000 again, so c does not change.
      const result = moveClip(a, { start_ms: 2000, ripple: true }, track, track);
      expect(result.clip.start_ms).toBe(2000);
      expect(result.shifts).toEqual(
        expect.arrayContaining([
          { id: 'b', start_ms: 0 },
          { id: 'd', start_ms: 500 },
        ]),
      );
      expect(result.shifts).toHaveLength(2);
    });
  });
});
