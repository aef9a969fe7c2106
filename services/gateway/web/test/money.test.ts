import { describe, expect, it } from 'vitest';
import { forecastMicros, formatAmount, sumAmountText } from '../src/format/money';

describe('formatAmount', () => {
  it.each([
    ['1051.946546', 'USD', 'usual', '$1,051.95'],
    ['1051.946546', 'USD', 'exact', '$1,051.946546'],
    ['0.005', 'USD', 'usual', '$0.01'],
    ['0.004999', 'USD', 'usual', '$0.00'],
    ['412.805', 'USD', 'exact', '$412.805'],
    ['5.50', 'EUR', 'usual', '€5.50'],
    ['1200', 'JPY', 'usual', '¥1,200'],
    ['1200.5', 'JPY', 'exact', '¥1,200.5'],
    ['-3.10', 'USD', 'usual', '-$3.10'],
  ] as const)('writes %s %s (%s) as %s', (amount, currency, precision, expected) => {
    expect(formatAmount(amount, currency, precision, 'en-US')).toBe(expected);
  });

  it('keeps digits a double would lose', () => {
    expect(formatAmount('90071992547.409993', 'USD', 'exact', 'en-US')).toBe(
      '$90,071,992,547.409993',
    );
  });

  it.each([
    ['12,5', 'USD'],
    ['1e3', 'USD'],
    ['7.00', 'not a currency'],
  ])('shows text it cannot format as it came: %s %s', (amount, currency) => {
    expect(formatAmount(amount, currency, 'usual', 'en-US')).toBe(`${amount} ${currency}`);
  });
});

describe('sumAmountText', () => {
  it('sums micro-units exactly and writes them as the API does', () => {
    expect(sumAmountText([364_059_687, 364_235_217, 323_651_642])).toBe('1051.946546');
  });

  it('refuses a sum past a safe integer', () => {
    expect(() => sumAmountText([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('forecastMicros', () => {
  it.each([
    [1_051_946_546, 3, 31, 10_870_114_308],
    [100, 31, 31, 100],
    [10, 3, 30, 100],
    [0, 15, 30, 0],
    [500, 0, 30, 500],
  ])('projects %i micros over %i of %i days to %i', (spent, elapsed, days, expected) => {
    expect(forecastMicros(spent, elapsed, days)).toBe(expected);
  });
});
