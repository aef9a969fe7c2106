import {
  budgetStatus,
  selectionOf,
  topDrivers,
  type AlertDetail,
  type Budget,
  type BudgetStatus,
  type ThresholdStatus,
} from '@stax/budgets';
import { thresholdAlertsOfPeriod, type AlertDraft } from './alert-events';
import type { EvaluationContext } from './evaluation-context';

/** Providers and models named as a threshold alert's drivers. */
const DRIVERS_SHOWN = 3;

/**
 * The alerts a budget calls for now: each threshold reached in the current period that has
 * not fired in it, and each threshold that fired and is no longer reached (resolved) unless
 * its resolution went out already. A threshold therefore fires at most once per period and
 * resolves at most once, whatever spend does afterwards.
 */
export async function budgetAlertDrafts(
  context: EvaluationContext,
  budget: Budget,
): Promise<AlertDraft[]> {
  const { db, calendar, now } = context;
  const status = await budgetStatus(db, budget, calendar, now);
  const periodStart = status.period.startDate;
  const seen = await thresholdAlertsOfPeriod(db, budget.workspaceId, budget.id, periodStart);

  const fire = status.thresholds.filter(
    (t) => t.reached && !seen.get(t.id)?.has('budget_threshold'),
  );
  const resolve = status.thresholds.filter((t) => {
    const kinds = seen.get(t.id);
    return !t.reached && kinds?.has('budget_threshold') && !kinds.has('budget_resolved');
  });
  if (fire.length === 0 && resolve.length === 0) return [];

  const selection = selectionOf(budget, status.period);
  const drivers = fire.length > 0 ? await topDrivers(db, selection, DRIVERS_SHOWN) : null;
  return [
    ...fire.map((threshold) =>
      draftOf(context, budget, threshold, periodStart, {
        ...budgetFacts(context, budget, status, threshold),
        kind: 'budget_threshold',
        drivers: drivers ?? { providers: [], models: [] },
      }),
    ),
    ...resolve.map((threshold) =>
      draftOf(context, budget, threshold, periodStart, {
        ...budgetFacts(context, budget, status, threshold),
        kind: 'budget_resolved',
      }),
    ),
  ];
}

function draftOf(
  context: EvaluationContext,
  budget: Budget,
  threshold: ThresholdStatus,
  periodStart: string,
  detail: AlertDetail,
): AlertDraft {
  return {
    workspaceId: budget.workspaceId,
    dedupeKey: `${threshold.id}|${periodStart}`,
    detail,
    recipients: context.recipients,
    budgetId: budget.id,
    thresholdId: threshold.id,
    periodStart,
  };
}

function budgetFacts(
  context: EvaluationContext,
  budget: Budget,
  status: BudgetStatus,
  threshold: ThresholdStatus,
) {
  return {
    budgetId: budget.id,
    budgetName: budget.name,
    amountMicros: budget.amountMicros,
    currency: budget.currency,
    scope: budget.scope,
    period: {
      kind: budget.period.kind,
      startDate: status.period.startDate,
      endDate: status.period.endDate,
      timeZone: context.calendar.timeZone,
    },
    threshold: { percent: threshold.percent, basis: threshold.basis },
    spendMicros: status.spendMicros,
    forecastMicros: status.forecast.amountMicros,
  };
}
