import type { IRequest } from 'itty-router';
import { ProviderIdSchema } from '@stax/contracts';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import {
  SubscriptionPlanSchema,
  toPlanInput,
  toSubscriptionPlan,
  type SubscriptionPlan,
} from '@stax/providers';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import { requireConnectionOfKind } from '../connections/connection-of-kind';
import { json } from '../http/respond';
import { refreshSubscriptionCharges, savePlan } from './charges';
import { toPlanView } from './plan-view';
import { findPlan } from './plan.store';

const MAX_PLAN_BODY_BYTES = 4 * 1024;

const PlanChangeSchema = SubscriptionPlanSchema.partial().refine(
  (change) => Object.keys(change).length > 0,
  { message: 'name at least one field of the plan to change' },
);

/** GET /api/v1/connections/:id/plan: the plan of a subscription and its next renewal. */
export async function getPlan(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const row = await requireConnectionOfKind(app, principal, request.params.id, 'subscription');
  const plan = await requirePlan(app, principal.workspaceId, row.id);

  return json(toPlanView(plan, app.now().toISOString().slice(0, 10)));
}

/**
 * PATCH /api/v1/connections/:id/plan: changes seats, price, currency, cycle or renewal day.
 * The current period's charge follows the new plan; past periods keep theirs.
 */
export async function updatePlan(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const change = parseWith(PlanChangeSchema, await readJsonBody(request, MAX_PLAN_BODY_BYTES));

  const row = await requireConnectionOfKind(app, principal, request.params.id, 'subscription');
  const before = await requirePlan(app, principal.workspaceId, row.id);
  const after = toSubscriptionPlan({ ...toPlanInput(before), ...change });
  const target = {
    workspaceId: principal.workspaceId,
    connectionId: row.id,
    provider: ProviderIdSchema.parse(row.provider),
  };
  await savePlan(app, target, before, after);
  await refreshSubscriptionCharges(app, target, after, row.created_at);

  return json(toPlanView(after, app.now().toISOString().slice(0, 10)));
}

async function requirePlan(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
): Promise<SubscriptionPlan> {
  const plan = await findPlan(app, workspaceId, connectionId);
  if (plan) return plan;
  throw new ApiError('not_found', { title: 'This subscription has no plan.' });
}
