import { bucketsOf, planWindow, type WindowPlan } from './time-buckets';

/** How many parts of the plan hold the instant: a bucket range or a raw edge. */
function partsHolding(plan: WindowPlan, ms: number): number {
  const iso = new Date(ms).toISOString();
  const buckets = bucketsOf(iso).filter((key) =>
    plan.buckets.some((r) => key >= r.from && key < r.to),
  ).length;
  const raw = plan.raw.filter((r) => iso >= r.since && iso < r.until).length;
  return buckets + raw;
}

describe('planWindow', () => {
  it('splits a window into whole day, hour and minute buckets and two sub-minute raw edges', () => {
    const plan = planWindow('2024-05-01T10:15:30.500Z', '2024-05-04T02:07:09.000Z');
    expect(plan.raw).toEqual([
      { since: '2024-05-01T10:15:30.500Z', until: '2024-05-01T10:16:00.000Z' },
      { since: '2024-05-04T02:07:00.000Z', until: '2024-05-04T02:07:09.000Z' },
    ]);
    expect(plan.buckets).toEqual([
      { from: 'm|2024-05-01T10:16', to: 'm|2024-05-01T11:00' },
      { from: 'h|2024-05-01T11', to: 'h|2024-05-02T00' },
      { from: 'd|2024-05-02', to: 'd|2024-05-04' },
      { from: 'h|2024-05-04T00', to: 'h|2024-05-04T02' },
      { from: 'm|2024-05-04T02:00', to: 'm|2024-05-04T02:07' },
    ]);
  });

  it('leaves an open-ended window open at the day level and reads no raw edge when aligned', () => {
    expect(planWindow('2024-05-01T23:59:00.000Z')).toEqual({
      raw: [],
      buckets: [
        { from: 'm|2024-05-01T23:59', to: 'm|2024-05-02T00:00' },
        { from: 'd|2024-05-02', to: 'd|~' },
      ],
    });
  });

  it('puts every instant of random windows in exactly one part, and none outside', () => {
    const base = Date.parse('2024-01-01T00:00:00.000Z');
    for (let i = 0; i < 300; i += 1) {
      const a = base + Math.floor(Math.random() * 5 * 86_400_000);
      const b = a + 1 + Math.floor(Math.random() * (i % 3 === 0 ? 120_000 : 3 * 86_400_000));
      const open = i % 4 === 0;
      const plan = planWindow(
        new Date(a).toISOString(),
        open ? undefined : new Date(b).toISOString(),
      );
      for (const t of [a, a + 1, b - 1, (a + b) >> 1, a + 59_999, b - 60_001])
        if (t >= a && t < b) expect(partsHolding(plan, t)).toBe(1);
      expect(partsHolding(plan, a - 1)).toBe(0);
      if (!open) expect(partsHolding(plan, b)).toBe(0);
      expect(plan.raw.every((r) => Date.parse(r.until) - Date.parse(r.since) < 60_000)).toBe(true);
    }
  });
});
