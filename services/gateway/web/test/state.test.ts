import { describe, expect, it } from 'vitest';
import { barPermille, parseThresholds, percentOf } from '../src/state/budget-bar';
import { cumulativeHeights, dayTotalMicros, stackByProvider } from '../src/state/chart-data';
import { rangeOf, readOverviewQuery, writeOverviewQuery } from '../src/state/overview-query';
import { daysInMonth, presetRange } from '../src/state/period';

describe('the overview query in the URL', () => {
  it.each([
    ['', { period: 'month', group: 'provider' }],
    ['?period=30d&group=model', { period: '30d', group: 'model' }],
    ['?period=forever&group=planet', { period: 'month', group: 'provider' }],
    [
      '?from=2026-11-01&to=2026-11-15&group=tag',
      {
        period: 'month',
        group: 'tag',
        from: '2026-11-01',
        to: '2026-11-15',
      },
    ],
    ['?from=2026-11-15&to=2026-11-01', { period: 'month', group: 'provider' }],
    ['?from=yesterday&to=2026-11-01', { period: 'month', group: 'provider' }],
  ])('reads %j as %j', (search, query) => {
    expect(readOverviewQuery(search)).toEqual(query);
  });

  it.each([
    '',
    '?period=30d',
    '?group=day',
    '?period=last-month&group=connection',
    '?from=2026-11-01&to=2026-11-15&group=model',
  ])('writes %j back as it was read', (search) => {
    expect(writeOverviewQuery(readOverviewQuery(search))).toBe(search);
  });
});

describe('periods', () => {
  it.each([
    ['month', '2026-12-03', { from: '2026-12-01', to: '2026-12-04' }],
    ['last-month', '2026-01-15', { from: '2025-12-01', to: '2026-01-01' }],
    ['7d', '2026-03-02', { from: '2026-02-24', to: '2026-03-03' }],
    ['90d', '2026-12-03', { from: '2026-09-05', to: '2026-12-04' }],
  ] as const)('%s on %s is %j', (preset, today, range) => {
    expect(presetRange(preset, today)).toEqual(range);
  });

  it('takes a custom range from the query over the preset', () => {
    const query = readOverviewQuery('?from=2026-11-01&to=2026-11-15');
    expect(rangeOf(query, '2026-12-03')).toEqual({ from: '2026-11-01', to: '2026-11-15' });
  });

  it.each([
    ['2026-02-10', 28],
    ['2028-02-10', 29],
    ['2026-12-31', 31],
    ['2026-04-01', 30],
  ])('%s is in a month of %i days', (day, days) => {
    expect(daysInMonth(day)).toBe(days);
  });
});

describe('stackByProvider', () => {
  const rows = [
    { day: '2026-12-01', provider: 'openai', currency: 'USD', amountMicros: 3, amount: '0.000003' },
    {
      day: '2026-12-01',
      provider: 'anthropic',
      currency: 'USD',
      amountMicros: 5,
      amount: '0.000005',
    },
    { day: '2026-12-03', provider: 'openai', currency: 'USD', amountMicros: 7, amount: '0.000007' },
    {
      day: '2026-12-02',
      provider: 'mistral',
      currency: 'EUR',
      amountMicros: 11,
      amount: '0.000011',
    },
    {
      day: '2026-11-30',
      provider: 'openai',
      currency: 'USD',
      amountMicros: 99,
      amount: '0.000099',
    },
  ];
  const [eur, usd] = stackByProvider(rows, { from: '2026-12-01', to: '2026-12-04' });

  it('keeps each currency apart and fills days without spend with zero', () => {
    expect(eur).toEqual({
      currency: 'EUR',
      days: ['2026-12-01', '2026-12-02', '2026-12-03'],
      providers: ['mistral'],
      micros: [[0, 11, 0]],
      providerTotalsMicros: [11],
      totalMicros: 11,
    });
  });

  it('puts the largest provider at the bottom and drops days outside the range', () => {
    expect(usd?.providers).toEqual(['openai', 'anthropic']);
    expect(usd?.micros).toEqual([
      [3, 0, 7],
      [5, 0, 0],
    ]);
    expect(usd?.totalMicros).toBe(15);
    expect(usd && dayTotalMicros(usd, 0)).toBe(8);
  });

  it('draws the whole stack first, then each lower band over it', () => {
    expect(usd && cumulativeHeights(usd)).toEqual([
      [0.000008, 0, 0.000007],
      [0.000003, 0, 0.000007],
    ]);
  });
});

describe('budget bars', () => {
  it.each([
    [250_000_000, 1_000_000_000, 250],
    [1_500_000_000, 1_000_000_000, 1000],
    [-5, 1_000_000_000, 0],
    [1, 3, 333],
  ])('draws %i of %i at %i permille', (amount, budget, permille) => {
    expect(barPermille(amount, budget)).toBe(permille);
  });

  it('says the percent spent, rounded down', () => {
    expect(percentOf(1_051_946_546, 5_000_000_000)).toBe(21);
  });

  it.each([
    ['80, 100', [80, 100]],
    ['100,50,50', [50, 100]],
    [' 75 ', [75]],
    ['', []],
    ['80%, 100', null],
    ['0', null],
    ['1001', null],
  ])('reads thresholds %j as %j', (text, percents) => {
    expect(parseThresholds(text)).toEqual(percents);
  });
});
