import { addMicros } from '@stax/money';
import type { DailySpendRow } from '../api/schemas';
import { daysOf } from '../format/dates';
import type { DayRange } from './period';

/** One currency's daily spend, split by provider, ready to draw as stacked bars. */
export interface StackedDays {
  currency: string;
  /** Every day of the range, days without spend included (as zeros). */
  days: string[];
  /** Providers, the largest total first: the bottom of each stack. */
  providers: string[];
  /** micros[provider][day], integer micro-units. */
  micros: number[][];
  /** Each provider's total over the range, in the order of `providers`. */
  providerTotalsMicros: number[];
  totalMicros: number;
}

/** Splits the API's day × provider × currency rows into one stack per currency, exactly. */
export function stackByProvider(rows: DailySpendRow[], range: DayRange): StackedDays[] {
  const days = daysOf(range.from, range.to);
  const dayIndex = new Map(days.map((day, index) => [day, index]));
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const ofCurrency = rows.filter((row) => row.currency === currency);
    const byProvider = new Map<string, number[]>();
    for (const row of ofCurrency) {
      const index = dayIndex.get(row.day);
      if (index === undefined) continue;
      const series = byProvider.get(row.provider) ?? days.map(() => 0);
      series[index] = addMicros(series[index] ?? 0, row.amountMicros);
      byProvider.set(row.provider, series);
    }
    return toStack(currency, days, byProvider);
  });
}

function toStack(currency: string, days: string[], byProvider: Map<string, number[]>) {
  const ranked = [...byProvider.entries()]
    .map(([provider, micros]) => ({ provider, micros, total: addMicros(...micros) }))
    .sort((a, b) => b.total - a.total || a.provider.localeCompare(b.provider));
  const providerTotalsMicros = ranked.map((entry) => entry.total);
  return {
    currency,
    days,
    providers: ranked.map((entry) => entry.provider),
    micros: ranked.map((entry) => entry.micros),
    providerTotalsMicros,
    totalMicros: addMicros(...providerTotalsMicros),
  };
}

/** A day's total across providers, exactly. */
export function dayTotalMicros(stack: StackedDays, dayIndex: number): number {
  return addMicros(...stack.micros.map((series) => series[dayIndex] ?? 0));
}

/**
 * The heights uPlot draws, in currency units: series k is the stack's top down to provider
 * k, so drawing them in order paints each provider's band over the one below it. Floats are
 * fine here: they position pixels; every figure shown in words comes from the micro-units.
 */
export function cumulativeHeights(stack: StackedDays): number[][] {
  const count = stack.providers.length;
  return Array.from({ length: count }, (_, k) =>
    stack.days.map((_, day) => {
      let micros = 0;
      for (let provider = 0; provider < count - k; provider += 1) {
        micros += stack.micros[provider]?.[day] ?? 0;
      }
      return micros / 1_000_000;
    }),
  );
}
