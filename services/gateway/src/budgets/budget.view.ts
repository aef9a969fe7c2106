import type { Budget, BudgetStatus } from '@stax/budgets';
import { formatMicros } from '@stax/money';

function money(amountMicros: number) {
  return { amount: formatMicros(amountMicros), amountMicros };
}

/** A budget as the API shows it, with where it stands in its current period. */
export function toBudgetView(budget: Budget, status: BudgetStatus, timeZone: string) {
  return {
    id: budget.id,
    name: budget.name,
    ...money(budget.amountMicros),
    currency: budget.currency,
    period: budget.period.kind,
    startDay: budget.period.startDay,
    scope: budget.scope,
    state: status.state,
    current: { ...status.period, timeZone },
    spend: money(status.spendMicros),
    forecast: {
      ...money(status.forecast.amountMicros),
      ready: status.forecast.ready,
      elapsedPermille: status.forecast.elapsedPermille,
    },
    days: status.days.map((day) => ({
      day: day.day,
      ...money(day.amountMicros),
      provisional: day.provisional,
    })),
    thresholds: status.thresholds.map(({ id, percent, basis, reached }) => ({
      id,
      percent,
      basis,
      reached,
    })),
    createdAt: budget.createdAt,
    updatedAt: budget.updatedAt,
  };
}
