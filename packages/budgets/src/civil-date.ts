/** A calendar date with no time zone: the date a wall calendar shows. */
export interface CivilDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days in a month of a year (Gregorian). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date `days` days after (or before, when negative) another. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return civilDateOfUtcMidnight(utcMidnightOf(date) + days * DAY_MS);
}

/** The first month `months` months after (or before) a month. */
export function addMonths(year: number, month: number, months: number) {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Day of the week, 0 for Sunday to 6 for Saturday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(utcMidnightOf(date)).getUTCDay();
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return utcMidnightOf(a) - utcMidnightOf(b);
}

/** `YYYY-MM-DD`. */
export function formatCivilDate(date: CivilDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Reads `YYYY-MM-DD`; null for text that is not a real date. */
export function parseCivilDate(text: string): CivilDate | null {
  const match = CIVIL_DATE.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const valid =
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= daysInMonth(date.year, date.month);
  return valid ? date : null;
}

/** The instant a date's midnight would be if the date were in UTC: calendar arithmetic only. */
export function utcMidnightOf(date: CivilDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function civilDateOfUtcMidnight(instantMs: number): CivilDate {
  const date = new Date(instantMs);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
