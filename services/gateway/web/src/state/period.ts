import { addDays, nextDay } from '../format/dates';

export const PERIOD_PRESETS = ['month', 'last-month', '7d', '30d', '90d'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** A range of billing days, [from, to) as the API takes it. */
export interface DayRange {
  from: string;
  to: string;
}

const PRESET_DAYS: Partial<Record<PeriodPreset, number>> = { '7d': 7, '30d': 30, '90d': 90 };

/** The first day of the month of a YYYY-MM-DD day. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The number of days in the month of a YYYY-MM-DD day. */
export function daysInMonth(day: string): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Which day of its month a YYYY-MM-DD day is (1-based). */
export function dayOfMonth(day: string): number {
  return Number(day.slice(8, 10));
}

/** This month so far, today included. */
export function monthToDate(today: string): DayRange {
  return { from: monthStart(today), to: nextDay(today) };
}

/** The days a preset covers, counted back from today (today included). */
export function presetRange(preset: PeriodPreset, today: string): DayRange {
  if (preset === 'month') return monthToDate(today);
  if (preset === 'last-month') {
    const thisMonth = monthStart(today);
    return { from: monthStart(addDays(thisMonth, -1)), to: thisMonth };
  }
  const days = PRESET_DAYS[preset] ?? 30;
  return { from: addDays(today, 1 - days), to: nextDay(today) };
}

/** What a preset is called in the period picker. */
export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  month: 'This month',
  'last-month': 'Last month',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};
