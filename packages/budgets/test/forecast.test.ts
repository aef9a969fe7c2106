import { describe, expect, it } from 'vitest';
import {
  firstProvisionalDay,
  forecastPeriod,
  percentTenths,
  reachesPercent,
  type BudgetPeriod,
} from '../src';

// April 2026 in UTC: 30 days.
const APRIL: BudgetPeriod = {
  startDate: '2026-04-01',
  endDate: '2026-05-01',
  start: '2026-04-01T00:00:00.000Z',
  end: '2026-05-01T00:00:00.000Z',
};

describe('forecastPeriod', () => {
  it.each([
    ['a third of the way', 100_000_001, '2026-04-11T00:00:00Z', 300_000_003, true, 333],
    ['rounding down to the micro-unit', 1, '2026-04-08T00:00:00Z', 4, true, 233],
    ['at the end of the period', 412_805_000, '2026-05-01T00:00:00Z', 412_805_000, true, 1000],
    ['after the period', 412_805_000, '2026-06-01T00:00:00Z', 412_805_000, true, 1000],
    [
      'before it is ready (under 3 days of 30)',
      5_000_000,
      '2026-04-02T12:00:00Z',
      100_000_000,
      false,
      50,
    ],
    ['at exactly a tenth', 5_000_000, '2026-04-04T00:00:00Z', 50_000_000, true, 100],
    ['of nothing spent', 0, '2026-04-20T00:00:00Z', 0, true, 633],
    ['of credits (not extrapolated)', -7_000_000, '2026-04-20T00:00:00Z', -7_000_000, true, 633],
    ['at the first instant', 9, '2026-04-01T00:00:00Z', 9, false, 0],
  ] as const)('forecasts %s', (_label, spend, now, amountMicros, ready, elapsedPermille) => {
    expect(forecastPeriod(spend, APRIL, new Date(now))).toEqual({
      amountMicros,
      ready,
      elapsedPermille,
    });
  });

  it('extrapolates a period that lost an hour to DST by its real length', () => {
    // Los Angeles, the week of 2026-03-08: 167 hours. After 83.5 hours, exactly double.
    const week: BudgetPeriod = {
      startDate: '2026-03-08',
      endDate: '2026-03-15',
      start: '2026-03-08T08:00:00.000Z',
      end: '2026-03-15T07:00:00.000Z',
    };
    const halfway = new Date(Date.parse(week.start) + 83.5 * 3_600_000);
    expect(forecastPeriod(21_000_000, week, halfway).amountMicros).toBe(42_000_000);
  });

  it('stays exact beyond 2^53 in the intermediate product', () => {
    const forecast = forecastPeriod(9_000_000_000_000, APRIL, new Date('2026-04-16T00:00:00Z'));
    expect(forecast.amountMicros).toBe(18_000_000_000_000);
  });
});

describe('reachesPercent', () => {
  it.each([
    [80_000_000, 100_000_000, 80, true],
    [79_999_999, 100_000_000, 80, false],
    [1, 3, 34, false],
    [1, 3, 33, true],
    [9_007_199_254_740_991, 9_007_199_254_740_991, 100, true],
    [150_000_000, 100_000_000, 150, true],
    [-1, 100_000_000, 1, false],
  ])('%i of %i reaches %i%%: %s', (amount, budget, percent, reached) => {
    expect(reachesPercent(amount, budget, percent)).toBe(reached);
  });
});

describe('percentTenths', () => {
  it.each([
    [812_400_000, 1_000_000_000, 812],
    [1, 3, 333],
    [2_500_000_000, 1_000_000_000, 2500],
  ])('%i of %i is %i tenths of a percent', (amount, budget, tenths) => {
    expect(percentTenths(amount, budget)).toBe(tenths);
  });
});

describe('firstProvisionalDay', () => {
  it('is three UTC days back', () => {
    expect(firstProvisionalDay(new Date('2026-12-03T00:30:00Z'))).toBe('2026-11-30');
  });
});
