import type { UtcDay } from '@stax/contracts';

const MILLIS_PER_SECOND = 1000;
const MILLIS_PER_DAY = 86_400_000;

/** A window of whole UTC days: `from` inclusive, `to` exclusive. */
export interface DayWindow {
  from: UtcDay;
  to: UtcDay;
}

/** An instant as ISO 8601 in UTC to the second, without milliseconds: `2026-01-01T00:00:00Z`. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The ISO instant of a Unix time in seconds. */
export function instantOfUnixSeconds(seconds: number): string {
  return isoSeconds(new Date(seconds * MILLIS_PER_SECOND));
}

/** The Unix time in seconds of a UTC day's midnight. */
export function unixSecondsOfDay(day: UtcDay): number {
  return Date.parse(`${day}T00:00:00Z`) / MILLIS_PER_SECOND;
}

/** The ISO instant of a UTC day's midnight. */
export function instantOfDay(day: UtcDay): string {
  return `${day}T00:00:00Z`;
}

/** The UTC day (`YYYY-MM-DD`) an ISO instant falls on. */
export function dayOfInstant(instant: string): string {
  return instant.slice(0, 10);
}

/** The UTC day before the one `now` falls on. */
export function yesterday(now: Date): UtcDay {
  return new Date(now.getTime() - MILLIS_PER_DAY).toISOString().slice(0, 10);
}
