import {
  compareDecimals,
  normalizeDecimal,
  remainingOf,
  sumDecimals,
  summarize,
} from './budget-money';
import type { UsageEvent } from './budget.types';

const usage = (over: Partial<UsageEvent>): UsageEvent => ({
  id: 'x',
  provider: 'openai',
  model: 'm',
  surface: 'web',
  app: null,
  tool_id: null,
  tokens_input: 1,
  tokens_output: 2,
  cost: '0',
  currency: 'USD',
  metadata: {},
  created_at: '2024-05-01T00:00:00.000Z',
  created_by: 'u',
  ...over,
});

describe('budget money', () => {
  it('adds 0.1 and 0.2 to exactly 0.3, and 0.1 + 0.2 ten thousand times to exactly 3000', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    const many = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? '0.1' : '0.2'));
    expect(sumDecimals(many)).toBe('1500');
    expect(sumDecimals([...many, ...many])).toBe('3000');
  });

  it('keeps all 28 digits of the largest amounts and their smallest fractions', () => {
    const big = '999999999999999999.9999999999';
    expect(sumDecimals([big, '0.0000000001'])).toBe('1000000000000000000');
    expect(sumDecimals(Array.from({ length: 10_000 }, () => big))).toBe(
      '9999999999999999999999.999999',
    );
    expect(sumDecimals([])).toBe('0');
  });

  it('normalises, compares and floors the remaining amount at zero', () => {
    expect(normalizeDecimal('1.50')).toBe('1.5');
    expect(normalizeDecimal('0.0000001')).toBe('0.0000001');
    expect(compareDecimals('0.3', sumDecimals(['0.1', '0.2']))).toBe(0);
    expect(remainingOf('10', '2.25')).toBe('7.75');
    expect(remainingOf('10', '12')).toBe('0');
  });

  it('summarises counts, exact costs per currency and tokens per group, null key last', () => {
    const groups = summarize(
      [
        usage({ provider: 'openai', cost: '0.1' }),
        usage({ provider: 'openai', cost: '0.2' }),
        usage({ provider: 'openai', cost: '1', currency: 'EUR' }),
        usage({ provider: 'anthropic', cost: '0.7' }),
      ],
      'provider',
    );
    expect(groups).toEqual([
      {
        key: 'anthropic',
        count: 1,
        cost_by_currency: { USD: '0.7' },
        tokens_input: 1,
        tokens_output: 2,
      },
      {
        key: 'openai',
        count: 3,
        cost_by_currency: { EUR: '1', USD: '0.3' },
        tokens_input: 3,
        tokens_output: 6,
      },
    ]);
    const byTool = summarize([usage({ tool_id: null }), usage({ tool_id: 'search' })], 'tool_id');
    expect(byTool.map((g) => g.key)).toEqual(['search', null]);
  });
});
