/** UTC days are written `YYYY-MM-DD`; local time never enters the simulator. */
export const SECONDS_PER_DAY = 86_400;
/** First and last UTC day that carry data; outside them every report is empty. */
export const FIRST_DATA_DAY = '2025-01-01';
export const LAST_DATA_DAY = '2027-12-31';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MILLIS_PER_SECOND = 1000;

/** The UTC day that contains the given Unix second. */
export function dayOfUnixSeconds(unixSeconds: number): string {
  const dayStart = Math.floor(unixSeconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  return new Date(dayStart * MILLIS_PER_SECOND).toISOString().slice(0, 10);
}

/** Unix seconds of 00:00:00 UTC on the given day. */
export function dayStartUnixSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / MILLIS_PER_SECOND;
}

/** True when the day lies in the simulated history (ISO dates compare as text). */
export function isDataDay(day: string): boolean {
  return DAY_PATTERN.test(day) && day >= FIRST_DATA_DAY && day <= LAST_DATA_DAY;
}

/** Whole calendar months between January 2025 and the day's month (0 for 2025-01). */
export function monthsSinceDataStart(day: string): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return (year - 2025) * 12 + (month - 1);
}

/** Saturday or Sunday in UTC. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Every UTC day from `firstDay` up to and including `lastDay`. */
export function daysBetween(firstDay: string, lastDay: string): string[] {
  const days: string[] = [];
  const last = dayStartUnixSeconds(lastDay);
  for (let at = dayStartUnixSeconds(firstDay); at <= last; at += SECONDS_PER_DAY) {
    days.push(dayOfUnixSeconds(at));
  }
  return days;
}
