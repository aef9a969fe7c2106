import { newId } from '@stax/contracts';
import type { Budget } from '@stax/budgets';
import { compileBatch } from '@stax/db';
import type { AppContext } from '../app-context';
import type { Principal } from '../auth/principal';
import type { CreateBudget, PatchBudget } from './budget.input';

type ThresholdInput = CreateBudget['thresholds'][number];

/** Writes a new budget and its thresholds in one batch; returns its id. */
export async function insertBudget(
  app: AppContext,
  principal: Principal,
  input: CreateBudget,
): Promise<string> {
  const id = newId('bud');
  const now = app.now().toISOString();
  const budget = app.db.insertInto('budgets').values({
    id,
    workspace_id: principal.workspaceId,
    name: input.name,
    amount_micros: input.amount,
    currency: input.currency,
    period_kind: input.period,
    period_start_day: input.startDay ?? 1,
    scope_kind: input.scope.kind,
    scope_value: input.scope.value,
    created_by: principal.actor.id,
    created_at: now,
    updated_at: now,
  });
  const thresholds = insertThresholds(app, principal.workspaceId, id, input.thresholds, now);
  await compileBatch(app.env.DB, [budget, ...thresholds]);
  return id;
}

function insertThresholds(
  app: AppContext,
  workspaceId: string,
  budgetId: string,
  thresholds: readonly ThresholdInput[],
  now: string,
) {
  // A threshold already there keeps its id, and with it the alerts it sent this period.
  return thresholds.map((threshold) =>
    app.db
      .insertInto('budget_thresholds')
      .values({
        id: newId('thr'),
        workspace_id: workspaceId,
        budget_id: budgetId,
        percent: threshold.percent,
        basis: threshold.basis,
        created_at: now,
      })
      .onConflict((conflict) => conflict.columns(['budget_id', 'percent', 'basis']).doNothing()),
  );
}

/**
 * Applies a patch to a budget in one batch. Sent thresholds replace the set: those that stay
 * (same percent and basis) keep their id, so a threshold that fired this period does not fire
 * again because the list was saved once more.
 */
export async function updateBudget(app: AppContext, budget: Budget, patch: PatchBudget) {
  const now = app.now().toISOString();
  const period = patch.period ?? budget.period.kind;
  const startDay = period === 'week' ? 1 : (patch.startDay ?? budget.period.startDay);
  const update = app.db
    .updateTable('budgets')
    .set({
      name: patch.name ?? budget.name,
      amount_micros: patch.amount ?? budget.amountMicros,
      currency: patch.currency ?? budget.currency,
      period_kind: period,
      period_start_day: startDay,
      scope_kind: patch.scope?.kind ?? budget.scope.kind,
      scope_value: patch.scope ? patch.scope.value : budget.scope.value,
      updated_at: now,
    })
    .where('workspace_id', '=', budget.workspaceId)
    .where('id', '=', budget.id);
  const thresholds = patch.thresholds ? replaceThresholds(app, budget, patch.thresholds, now) : [];
  await compileBatch(app.env.DB, [update, ...thresholds]);
}

function replaceThresholds(
  app: AppContext,
  budget: Budget,
  thresholds: readonly ThresholdInput[],
  now: string,
) {
  const kept = new Set(thresholds.map((t) => `${t.percent}|${t.basis}`));
  const removedIds = budget.thresholds
    .filter((t) => !kept.has(`${t.percent}|${t.basis}`))
    .map((t) => t.id);
  const removal = app.db
    .deleteFrom('budget_thresholds')
    .where('workspace_id', '=', budget.workspaceId)
    .where('budget_id', '=', budget.id)
    .where('id', 'in', removedIds.length > 0 ? removedIds : ['']);
  return [removal, ...insertThresholds(app, budget.workspaceId, budget.id, thresholds, now)];
}

/** Deletes a budget and its thresholds; its alert history stays. */
export async function deleteBudget(app: AppContext, budget: Budget): Promise<void> {
  await compileBatch(app.env.DB, [
    app.db
      .deleteFrom('budget_thresholds')
      .where('workspace_id', '=', budget.workspaceId)
      .where('budget_id', '=', budget.id),
    app.db
      .deleteFrom('budgets')
      .where('workspace_id', '=', budget.workspaceId)
      .where('id', '=', budget.id),
  ]);
}
