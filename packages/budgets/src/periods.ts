import {
  addDays,
  addMonths,
  compareDates,
  daysInMonth,
  formatCivilDate,
  weekdayOf,
  type CivilDate,
} from './civil-date';
import { localDateAt, startOfLocalDay } from './zoned-time';

/** The calendar unit a budget repeats on. */
export type PeriodKind = 'month' | 'quarter' | 'week';

/** How a budget's periods are laid out on the workspace's calendar. */
export interface PeriodRule {
  kind: PeriodKind;
  /**
   * For months and quarters: the day of the month a period starts on, 1 to 31. A month
   * shorter than that starts its period on its last day (31 → 28 February).
   */
  startDay: number;
  /** For weeks: the first day, 0 for Sunday to 6 for Saturday. */
  weekStart: number;
}

/** One period: local dates for people, UTC instants for selecting records. */
export interface BudgetPeriod {
  /** First local date of the period, `YYYY-MM-DD`. */
  startDate: string;
  /** First local date after the period (exclusive). */
  endDate: string;
  /** ISO instant of the local midnight that opens the period. */
  start: string;
  /** ISO instant of the local midnight that closes it (exclusive). */
  end: string;
}

const MONTHS_PER_QUARTER = 3;

/** The period of a rule that contains an instant, in a time zone. */
export function periodContaining(rule: PeriodRule, timeZone: string, now: Date): BudgetPeriod {
  const today = localDateAt(timeZone, now.getTime());
  const [first, next] = localPeriodDates(rule, today);
  return {
    startDate: formatCivilDate(first),
    endDate: formatCivilDate(next),
    start: new Date(startOfLocalDay(first, timeZone)).toISOString(),
    end: new Date(startOfLocalDay(next, timeZone)).toISOString(),
  };
}

/** The first local date of the period that contains `date`, and the first date after it. */
export function localPeriodDates(rule: PeriodRule, date: CivilDate): [CivilDate, CivilDate] {
  switch (rule.kind) {
    case 'week':
      return weekDates(date, rule.weekStart);
    case 'month':
      return monthDates(date, rule.startDay, 1);
    case 'quarter':
      return monthDates(date, rule.startDay, MONTHS_PER_QUARTER);
  }
}

function weekDates(date: CivilDate, weekStart: number): [CivilDate, CivilDate] {
  const first = addDays(date, -((weekdayOf(date) - weekStart + 7) % 7));
  return [first, addDays(first, 7)];
}

// Periods of `months` months whose first months are January and every `months` after it.
function monthDates(date: CivilDate, startDay: number, months: number): [CivilDate, CivilDate] {
  let month = { year: date.year, month: date.month - ((date.month - 1) % months) };
  let first = startInMonth(month.year, month.month, startDay);
  if (compareDates(date, first) < 0) {
    month = addMonths(month.year, month.month, -months);
    first = startInMonth(month.year, month.month, startDay);
  }
  const following = addMonths(month.year, month.month, months);
  return [first, startInMonth(following.year, following.month, startDay)];
}

function startInMonth(year: number, month: number, startDay: number): CivilDate {
  return { year, month, day: Math.min(startDay, daysInMonth(year, month)) };
}
