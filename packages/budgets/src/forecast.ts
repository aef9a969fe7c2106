import type { BudgetPeriod } from './periods';

const DAY_MS = 86_400_000;

/**
 * Providers revise the most recent days of billing data, so the aggregator's schedule pulls
 * this many trailing UTC days again on every sync: until then a day's numbers may still move.
 */
export const PROVISIONAL_DAYS = 3;

/**
 * A forecast needs this share of its period (and at least a day) behind it. Earlier, the run
 * rate of a few hours is noise, and an alert that fires on noise is one people mute.
 */
export const MIN_FORECAST_ELAPSED_FRACTION = 0.1;

/** Where the period's spend is heading if it keeps the pace of the period so far. */
export interface Forecast {
  /** Spend so far × the period's length ÷ the time elapsed, rounded down to the micro-unit. */
  amountMicros: number;
  /** Whether enough of the period has elapsed for the forecast to be alerted on. */
  ready: boolean;
  /** Share of the period elapsed, in thousandths (0 to 1000). */
  elapsedPermille: number;
}

/**
 * The run-rate forecast of a period at `now`. Spend at or below zero (credits) is not
 * extrapolated, and a finished period forecasts what it spent.
 */
export function forecastPeriod(spendMicros: number, period: BudgetPeriod, now: Date): Forecast {
  const start = Date.parse(period.start);
  const length = Date.parse(period.end) - start;
  const elapsed = Math.min(Math.max(now.getTime() - start, 0), length);
  const elapsedPermille = Math.floor((elapsed * 1000) / length);
  const ready = elapsed >= Math.max(DAY_MS, length * MIN_FORECAST_ELAPSED_FRACTION);
  if (spendMicros <= 0 || elapsed === 0) {
    return { amountMicros: spendMicros, ready, elapsedPermille };
  }
  const projected = (BigInt(spendMicros) * BigInt(length)) / BigInt(elapsed);
  return { amountMicros: toSafeNumber(projected), ready, elapsedPermille };
}

/** The first UTC day whose data may still change at `now`. */
export function firstProvisionalDay(now: Date): string {
  return new Date(now.getTime() - PROVISIONAL_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `amountMicros` is at least `percent` % of `budgetMicros`, exactly. */
export function reachesPercent(amountMicros: number, budgetMicros: number, percent: number) {
  return BigInt(amountMicros) * 100n >= BigInt(budgetMicros) * BigInt(percent);
}

/** `amountMicros` as a share of `budgetMicros`, in tenths of a percent, rounded down. */
export function percentTenths(amountMicros: number, budgetMicros: number): number {
  return toSafeNumber((BigInt(amountMicros) * 1000n) / BigInt(budgetMicros));
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  return Number(value);
}
