import { totalsOfRecord, totalsRecord } from './totals-records';

describe('totals records', () => {
  it('round-trips a bucket and its counters', () => {
    const record = totalsRecord('totals', 'h|2024-05-01T13', { n: 3, g_s_x: 0 });
    expect(record).toEqual({
      collection: 'totals',
      id: 'h|2024-05-01T13',
      data: { counters: { n: 3, g_s_x: 0 } },
    });
    expect(totalsOfRecord(record)).toEqual(['h|2024-05-01T13', { n: 3, g_s_x: 0 }]);
  });

  it.each([
    ['a bucket key of no level', { id: 'x|2024-05-01', counters: { n: 1 } }],
    ['a day key of an hour', { id: 'd|2024-05-01T13', counters: { n: 1 } }],
    ['no counters map', { id: 'd|2024-05-01', counters: [1] }],
    ['a counter name that is no field name', { id: 'd|2024-05-01', counters: { 'a.b': 1 } }],
    ['a fractional counter', { id: 'd|2024-05-01', counters: { n: 1.5 } }],
    ['a counter given as text', { id: 'd|2024-05-01', counters: { n: '1' } }],
  ])('refuses %s', (_, { id, counters }) => {
    expect(() => totalsOfRecord({ collection: 'totals', id, data: { counters } })).toThrow(
      /^Totals record totals\//,
    );
  });
});
