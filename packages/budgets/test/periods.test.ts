import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  formatCivilDate,
  localDateAt,
  localPeriodDates,
  parseCivilDate,
  periodContaining,
  startOfLocalDay,
  type CivilDate,
  type PeriodRule,
} from '../src';

const MONTH: PeriodRule = { kind: 'month', startDay: 1, weekStart: 1 };
const QUARTER: PeriodRule = { kind: 'quarter', startDay: 1, weekStart: 1 };
const WEEK_MONDAY: PeriodRule = { kind: 'week', startDay: 1, weekStart: 1 };
const WEEK_SUNDAY: PeriodRule = { kind: 'week', startDay: 1, weekStart: 0 };
const MONTH_FROM_31: PeriodRule = { kind: 'month', startDay: 31, weekStart: 1 };
const MONTH_FROM_15: PeriodRule = { kind: 'month', startDay: 15, weekStart: 1 };
const QUARTER_FROM_31: PeriodRule = { kind: 'quarter', startDay: 31, weekStart: 1 };

function date(text: string): CivilDate {
  const parsed = parseCivilDate(text);
  if (!parsed) throw new Error(`not a date: ${text}`);
  return parsed;
}

describe('periodContaining', () => {
  it.each([
    // Los Angeles: PST is UTC−8, PDT UTC−7; DST 2026-03-08 to 2026-11-01.
    [
      'month across spring DST',
      MONTH,
      'America/Los_Angeles',
      '2026-03-15T12:00:00Z',
      '2026-03-01',
      '2026-04-01',
      '2026-03-01T08:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
    ],
    [
      'month across autumn DST',
      MONTH,
      'America/Los_Angeles',
      '2026-11-20T12:00:00Z',
      '2026-11-01',
      '2026-12-01',
      '2026-11-01T07:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
    ],
    [
      'month at its last local second',
      MONTH,
      'America/Los_Angeles',
      '2026-12-01T07:59:59Z',
      '2026-11-01',
      '2026-12-01',
      '2026-11-01T07:00:00.000Z',
      '2026-12-01T08:00:00.000Z',
    ],
    [
      'month at its first local instant',
      MONTH,
      'America/Los_Angeles',
      '2026-12-01T08:00:00Z',
      '2026-12-01',
      '2027-01-01',
      '2026-12-01T08:00:00.000Z',
      '2027-01-01T08:00:00.000Z',
    ],
    [
      'week (Sunday) that loses an hour',
      WEEK_SUNDAY,
      'America/Los_Angeles',
      '2026-03-10T00:00:00Z',
      '2026-03-08',
      '2026-03-15',
      '2026-03-08T08:00:00.000Z',
      '2026-03-15T07:00:00.000Z',
    ],
    // Berlin: CET UTC+1, CEST UTC+2; DST 2026-03-29 to 2026-10-25.
    [
      'quarter across spring DST',
      QUARTER,
      'Europe/Berlin',
      '2026-03-29T12:00:00Z',
      '2026-01-01',
      '2026-04-01',
      '2025-12-31T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ],
    [
      'quarter across autumn DST',
      QUARTER,
      'Europe/Berlin',
      '2026-10-25T01:30:00Z',
      '2026-10-01',
      '2027-01-01',
      '2026-09-30T22:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
    ],
    [
      'quarter on new year in Berlin, still December in UTC',
      QUARTER,
      'Europe/Berlin',
      '2026-12-31T23:30:00Z',
      '2027-01-01',
      '2027-04-01',
      '2026-12-31T23:00:00.000Z',
      '2027-03-31T22:00:00.000Z',
    ],
    [
      'month that ends with the autumn change',
      MONTH,
      'Europe/Berlin',
      '2026-10-31T22:59:59Z',
      '2026-10-01',
      '2026-11-01',
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
    ],
    // Kolkata: UTC+5:30, no DST. 2026-12-03 is a Thursday.
    [
      'week (Monday)',
      WEEK_MONDAY,
      'Asia/Kolkata',
      '2026-12-03T16:00:00Z',
      '2026-11-30',
      '2026-12-07',
      '2026-11-29T18:30:00.000Z',
      '2026-12-06T18:30:00.000Z',
    ],
    [
      'week at its last second (Sunday 23:59:59)',
      WEEK_MONDAY,
      'Asia/Kolkata',
      '2026-12-06T18:29:59Z',
      '2026-11-30',
      '2026-12-07',
      '2026-11-29T18:30:00.000Z',
      '2026-12-06T18:30:00.000Z',
    ],
    [
      'week from its first instant',
      WEEK_MONDAY,
      'Asia/Kolkata',
      '2026-12-06T18:30:00Z',
      '2026-12-07',
      '2026-12-14',
      '2026-12-06T18:30:00.000Z',
      '2026-12-13T18:30:00.000Z',
    ],
    [
      'month, already the next one in Kolkata',
      MONTH,
      'Asia/Kolkata',
      '2026-11-30T19:00:00Z',
      '2026-12-01',
      '2027-01-01',
      '2026-11-30T18:30:00.000Z',
      '2026-12-31T18:30:00.000Z',
    ],
    // Chatham: UTC+12:45, DST UTC+13:45 from 2026-09-27 to 2027-04-04.
    [
      'month across spring DST',
      MONTH,
      'Pacific/Chatham',
      '2026-09-28T00:00:00Z',
      '2026-09-01',
      '2026-10-01',
      '2026-08-31T11:15:00.000Z',
      '2026-09-30T10:15:00.000Z',
    ],
    [
      'month across autumn DST',
      MONTH,
      'Pacific/Chatham',
      '2027-04-10T00:00:00Z',
      '2027-04-01',
      '2027-05-01',
      '2027-03-31T10:15:00.000Z',
      '2027-04-30T11:15:00.000Z',
    ],
    [
      'quarter, a day ahead of UTC',
      QUARTER,
      'Pacific/Chatham',
      '2026-12-31T11:00:00Z',
      '2027-01-01',
      '2027-04-01',
      '2026-12-31T10:15:00.000Z',
      '2027-03-31T10:15:00.000Z',
    ],
    // Custom start days.
    [
      'start day 31, in February',
      MONTH_FROM_31,
      'UTC',
      '2026-02-15T00:00:00Z',
      '2026-01-31',
      '2026-02-28',
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
    ],
    [
      'start day 31, from 28 February',
      MONTH_FROM_31,
      'UTC',
      '2026-02-28T00:00:00Z',
      '2026-02-28',
      '2026-03-31',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ],
    [
      'start day 31, leap-year February',
      MONTH_FROM_31,
      'UTC',
      '2028-02-28T12:00:00Z',
      '2028-01-31',
      '2028-02-29',
      '2028-01-31T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
    ],
    [
      'start day 31, from 29 February',
      MONTH_FROM_31,
      'UTC',
      '2028-02-29T12:00:00Z',
      '2028-02-29',
      '2028-03-31',
      '2028-02-29T00:00:00.000Z',
      '2028-03-31T00:00:00.000Z',
    ],
    [
      'start day 31, after a 30-day month',
      MONTH_FROM_31,
      'UTC',
      '2026-05-02T00:00:00Z',
      '2026-04-30',
      '2026-05-31',
      '2026-04-30T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
    ],
    [
      'start day 31, across DST in Los Angeles',
      MONTH_FROM_31,
      'America/Los_Angeles',
      '2026-03-31T06:59:59Z',
      '2026-02-28',
      '2026-03-31',
      '2026-02-28T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ],
    [
      'start day 15, before the 15th',
      MONTH_FROM_15,
      'Europe/Berlin',
      '2026-01-14T22:59:59Z',
      '2025-12-15',
      '2026-01-15',
      '2025-12-14T23:00:00.000Z',
      '2026-01-14T23:00:00.000Z',
    ],
    [
      'quarter from day 31',
      QUARTER_FROM_31,
      'UTC',
      '2026-04-29T00:00:00Z',
      '2026-01-31',
      '2026-04-30',
      '2026-01-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
    ],
    // Chile sets its clocks forward at midnight: 6 September 2026 begins at 01:00 (UTC−3).
    [
      'week that begins when midnight does not exist',
      WEEK_SUNDAY,
      'America/Santiago',
      '2026-09-07T12:00:00Z',
      '2026-09-06',
      '2026-09-13',
      '2026-09-06T04:00:00.000Z',
      '2026-09-13T03:00:00.000Z',
    ],
  ] as const)(
    'finds the %s in %s',
    (_label, rule, timeZone, now, startDate, endDate, start, end) => {
      expect(periodContaining(rule, timeZone, new Date(now))).toEqual({
        startDate,
        endDate,
        start,
        end,
      });
    },
  );
});

describe('startOfLocalDay', () => {
  it.each([
    ['UTC', '2026-06-01', '2026-06-01T00:00:00.000Z'],
    ['America/Los_Angeles', '2026-03-08', '2026-03-08T08:00:00.000Z'],
    ['America/Los_Angeles', '2026-03-09', '2026-03-09T07:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-01', '2025-12-31T18:30:00.000Z'],
    ['Pacific/Chatham', '2026-09-27', '2026-09-26T11:15:00.000Z'],
    ['Pacific/Chatham', '2026-09-28', '2026-09-27T10:15:00.000Z'],
    // Midnight skipped: the day begins when the clocks jump to 01:00.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z'],
    ['America/Havana', '2026-03-08', '2026-03-08T05:00:00.000Z'],
    // Midnight repeated (01:00 back to 00:00): the earlier one.
    ['America/Havana', '2026-11-01', '2026-11-01T04:00:00.000Z'],
  ])('opens %s on %s at %s', (timeZone, day, instant) => {
    expect(new Date(startOfLocalDay(date(day), timeZone)).toISOString()).toBe(instant);
  });

  it.each([
    'UTC',
    'America/Los_Angeles',
    'America/Santiago',
    'America/Havana',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  ])('begins every day of 2026 in %s at the first instant that is that day', (timeZone) => {
    const wrong: string[] = [];
    for (let day = date('2026-01-01'); day.year === 2026; day = addDays(day, 1)) {
      const start = startOfLocalDay(day, timeZone);
      const isDay = formatCivilDate(localDateAt(timeZone, start)) === formatCivilDate(day);
      const before = formatCivilDate(localDateAt(timeZone, start - 1000));
      if (!isDay || before !== formatCivilDate(addDays(day, -1))) wrong.push(formatCivilDate(day));
    }
    expect(wrong).toEqual([]);
  });
});

describe('localPeriodDates', () => {
  const rules: PeriodRule[] = [
    WEEK_MONDAY,
    WEEK_SUNDAY,
    ...[1, 2, 15, 28, 29, 30, 31].flatMap((startDay): PeriodRule[] => [
      { kind: 'month', startDay, weekStart: 1 },
      { kind: 'quarter', startDay, weekStart: 1 },
    ]),
  ];

  it.each(rules.map((rule) => [rule.kind, rule.startDay, rule.weekStart, rule] as const))(
    'tiles 2024 to 2028 without gap or overlap (%s, start day %i, week start %i)',
    (_kind, _startDay, _weekStart, rule) => {
      const faults: string[] = [];
      for (let day = date('2024-01-01'); day.year < 2029; day = addDays(day, 1)) {
        const [first, next] = localPeriodDates(rule, day);
        const contains = compareDates(first, day) <= 0 && compareDates(day, next) < 0;
        const [nextFirst] = localPeriodDates(rule, next);
        const [previousFirst, previousNext] = localPeriodDates(rule, addDays(first, -1));
        const tiles =
          compareDates(nextFirst, next) === 0 &&
          compareDates(previousNext, first) === 0 &&
          compareDates(previousFirst, first) < 0;
        if (!contains || !tiles) faults.push(formatCivilDate(day));
      }
      expect(faults).toEqual([]);
    },
  );
});
