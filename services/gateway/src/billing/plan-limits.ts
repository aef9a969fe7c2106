import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import { currentPlan } from './billing.store';
import { planAbove, type LimitName } from './plans';

/** How many of a limited thing a workspace has now. */
async function countOf(app: AppContext, workspaceId: string, limit: LimitName): Promise<number> {
  const row =
    limit === 'connections'
      ? await app.db
          .selectFrom('connections')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('workspace_id', '=', workspaceId)
          .where('revoked_at', 'is', null)
          .executeTakeFirstOrThrow()
      : await app.db
          .selectFrom('memberships')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * Refuses to add one more of `limit` when the workspace's plan is full, with a problem that
 * names the limit and how to lift it. Checked before any outside call, so a refused request
 * costs nothing.
 */
export async function requirePlanRoom(
  app: AppContext,
  workspaceId: string,
  limit: LimitName,
): Promise<void> {
  const [plan, count] = await Promise.all([
    currentPlan(app, workspaceId),
    countOf(app, workspaceId, limit),
  ]);
  if (count < plan.limits[limit]) return;

  const next = planAbove(limit, count);
  const lift = next
    ? `Upgrade to ${next.name} (up to ${next.limits[limit]} ${limit}) with ` +
      `POST /api/v1/billing/checkout {"plan":"${next.id}"}, or remove one first.`
    : `Remove one first, or write to sales@stax.dev for a larger plan.`;
  throw new ApiError('plan_limit', {
    title:
      `The ${plan.name} plan allows ${plan.limits[limit]} ${limit}; ` +
      `this workspace has ${count}.`,
    detail: lift,
  });
}
