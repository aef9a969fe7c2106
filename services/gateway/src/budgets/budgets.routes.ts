import type { IRequest } from 'itty-router';
import { BudgetIdSchema } from '@stax/contracts';
import {
  budgetStatus,
  loadBudgets,
  readWorkspaceCalendar,
  type Budget,
  type WorkspaceCalendar,
} from '@stax/budgets';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { findConnection } from '../connections/connection.store';
import { json, noContent } from '../http/respond';
import { reportForeignAccess } from '../tenancy/foreign-access';
import { CreateBudgetSchema, PatchBudgetSchema, type ScopeInput } from './budget.input';
import { toBudgetView } from './budget.view';
import { deleteBudget, insertBudget, updateBudget } from './budget.writes';

const MAX_BUDGET_BODY_BYTES = 16 * 1024;

/** POST /api/v1/budgets: creates a budget with its thresholds (admins). */
export async function createBudget(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const input = parseWith(CreateBudgetSchema, await readJsonBody(request, MAX_BUDGET_BODY_BYTES));

  await checkScopeTarget(app, principal, input.scope);
  const id = await insertBudget(app, principal, input);

  const view = await budgetView(app, principal, await requireBudget(app, principal, id));
  return json(view, 201, { location: `/api/v1/budgets/${id}` });
}

/** GET /api/v1/budgets: every budget with its spend, forecast and state this period. */
export async function listBudgets(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const calendar = await calendarOf(app, principal);
  const budgets = await loadBudgets(app.db, principal.workspaceId);
  const now = app.now();
  const views = await Promise.all(
    budgets.map(async (budget) =>
      toBudgetView(budget, await budgetStatus(app.db, budget, calendar, now), calendar.timeZone),
    ),
  );

  return json({ budgets: views });
}

/** GET /api/v1/budgets/:id */
export async function getBudget(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const budget = await requireBudget(app, principal, request.params.id);

  return json(await budgetView(app, principal, budget));
}

/** PATCH /api/v1/budgets/:id: changes what is sent (admins). */
export async function patchBudget(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const patch = parseWith(PatchBudgetSchema, await readJsonBody(request, MAX_BUDGET_BODY_BYTES));

  const budget = await requireBudget(app, principal, request.params.id);
  if (patch.startDay !== undefined && (patch.period ?? budget.period.kind) === 'week') {
    throw new ApiError('validation_failed', {
      title: 'The field "startDay" is invalid.',
      detail: 'a start day applies to months and quarters',
      field: 'startDay',
    });
  }
  if (patch.scope) await checkScopeTarget(app, principal, patch.scope);
  await updateBudget(app, budget, patch);

  return json(await budgetView(app, principal, await requireBudget(app, principal, budget.id)));
}

/** DELETE /api/v1/budgets/:id (admins). Its alert history stays. */
export async function deleteBudgetRoute(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');

  const budget = await requireBudget(app, principal, request.params.id);
  await deleteBudget(app, budget);

  return noContent();
}

async function calendarOf(app: AppContext, principal: Principal): Promise<WorkspaceCalendar> {
  const calendar = await readWorkspaceCalendar(app.db, principal.workspaceId);
  if (!calendar) throw new Error("the principal's workspace does not exist");
  return calendar;
}

async function budgetView(app: AppContext, principal: Principal, budget: Budget) {
  const calendar = await calendarOf(app, principal);
  const status = await budgetStatus(app.db, budget, calendar, app.now());
  return toBudgetView(budget, status, calendar.timeZone);
}

async function requireBudget(app: AppContext, principal: Principal, id: unknown): Promise<Budget> {
  const parsed = BudgetIdSchema.safeParse(id);
  if (!parsed.success) throw budgetNotFound();
  const [budget] = await loadBudgets(app.db, principal.workspaceId, parsed.data);
  if (budget) return budget;
  reportForeignAccess(app, principal, 'budget', parsed.data);
  throw budgetNotFound();
}

function budgetNotFound(): ApiError {
  return new ApiError('not_found', { title: 'No such budget in this workspace.' });
}

// A connection or tag in scope must be the workspace's own; another's reads as missing.
async function checkScopeTarget(app: AppContext, principal: Principal, scope: ScopeInput) {
  if (scope.kind !== 'connection' && scope.kind !== 'tag') return;
  const id = scope.value ?? '';
  const found =
    scope.kind === 'connection'
      ? (await findConnection(app, principal.workspaceId, id)) !== null
      : await tagExists(app, principal.workspaceId, id);
  if (found) return;
  reportForeignAccess(app, principal, scope.kind, id);
  throw new ApiError('not_found', {
    title: `No such ${scope.kind} in this workspace.`,
    field: 'scope.value',
  });
}

async function tagExists(app: AppContext, workspaceId: string, tagId: string): Promise<boolean> {
  const row = await app.db
    .selectFrom('tags')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tagId)
    .executeTakeFirst();
  return row !== undefined;
}
