import { addMicros } from '@stax/money';
import type { StaxDb } from '@stax/db';
import type { Budget, Threshold } from './budget.schema';
import type { WorkspaceCalendar } from './budget.store';
import { dailySpend, type SpendSelection } from './budget-spend';
import { firstProvisionalDay, forecastPeriod, reachesPercent, type Forecast } from './forecast';
import { periodContaining, type BudgetPeriod } from './periods';

/** How a budget stands: `over` its amount, `at_risk` of it by the forecast, or `on_track`. */
export type BudgetState = 'on_track' | 'at_risk' | 'over';

/** A threshold and whether the budget has reached it now. */
export interface ThresholdStatus extends Threshold {
  reached: boolean;
}

/** A budget's current period and what it has spent in it. */
export interface BudgetStatus {
  period: BudgetPeriod;
  spendMicros: number;
  /** Days (UTC, as records are kept) with spend; the latest ones may still change. */
  days: { day: string; amountMicros: number; provisional: boolean }[];
  forecast: Forecast;
  state: BudgetState;
  thresholds: ThresholdStatus[];
}

/** The selection of records a budget counts in a period. */
export function selectionOf(budget: Budget, period: BudgetPeriod): SpendSelection {
  return {
    workspaceId: budget.workspaceId,
    currency: budget.currency,
    scope: budget.scope,
    period,
  };
}

/** Computes where a budget stands at `now`, counting only spend of its current period. */
export async function budgetStatus(
  db: StaxDb,
  budget: Budget,
  calendar: WorkspaceCalendar,
  now: Date,
): Promise<BudgetStatus> {
  const rule = { ...budget.period, weekStart: calendar.weekStart };
  const period = periodContaining(rule, calendar.timeZone, now);
  const days = await dailySpend(db, selectionOf(budget, period));
  const spendMicros = addMicros(...days.map((day) => day.amountMicros));
  const forecast = forecastPeriod(spendMicros, period, now);
  const provisionalFrom = firstProvisionalDay(now);
  return {
    period,
    spendMicros,
    days: days.map((day) => ({ ...day, provisional: day.day >= provisionalFrom })),
    forecast,
    state: stateOf(budget.amountMicros, spendMicros, forecast),
    thresholds: budget.thresholds.map((threshold) => ({
      ...threshold,
      reached: thresholdReached(threshold, budget.amountMicros, spendMicros, forecast),
    })),
  };
}

function stateOf(amountMicros: number, spendMicros: number, forecast: Forecast): BudgetState {
  if (reachesPercent(spendMicros, amountMicros, 100)) return 'over';
  if (forecast.ready && reachesPercent(forecast.amountMicros, amountMicros, 100)) return 'at_risk';
  return 'on_track';
}

/** A forecast threshold counts only once the forecast is ready (see `forecastPeriod`). */
export function thresholdReached(
  threshold: Threshold,
  amountMicros: number,
  spendMicros: number,
  forecast: Forecast,
): boolean {
  if (threshold.basis === 'actual')
    return reachesPercent(spendMicros, amountMicros, threshold.percent);
  return forecast.ready && reachesPercent(forecast.amountMicros, amountMicros, threshold.percent);
}
