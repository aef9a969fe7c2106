import { newId } from '@stax/contracts';
import { compileBatch } from '@stax/db';
import { toSubscriptionPlan, type SubscriptionPlan } from '@stax/providers';
import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import type { Principal } from '../auth/principal';
import { json } from '../http/respond';
import { refreshSubscriptionCharges } from '../subscriptions/charges';
import { toPlanView } from '../subscriptions/plan-view';
import { planColumns } from '../subscriptions/plan.store';
import type { RecordTarget } from './aggregator-ingest';
import { insertConnection, toConnectionView } from './connection.store';
import type { ManualConnectBody } from './connect-body.schema';

/**
 * Creates a connection that holds no credential: `import` (files come later) or
 * `subscription` (its plan, stored with it, and the charges of the current period).
 */
export async function createManualConnection(
  app: AppContext,
  principal: Principal,
  input: ManualConnectBody,
): Promise<Response> {
  const row = newConnectionRow(app, principal.workspaceId, input);
  const target = { workspaceId: row.workspace_id, connectionId: row.id, provider: input.provider };
  const location = { location: `/api/v1/connections/${row.id}` };
  if (input.kind === 'import') {
    await insertConnection(app, row);
    return json(toConnectionView(row), 201, location);
  }

  const plan = toSubscriptionPlan(input.plan);
  await insertWithPlan(app, row, plan);
  const charged = await chargeOrFlag(app, target, plan, row.created_at);
  const view = { ...toConnectionView({ ...row, ...charged }), plan: toPlanView(plan, today(app)) };
  return json(view, 201, location);
}

function newConnectionRow(app: AppContext, workspaceId: string, input: ManualConnectBody) {
  const now = app.now().toISOString();
  return {
    id: newId('con'),
    workspace_id: workspaceId,
    provider: input.provider,
    kind: input.kind,
    label: input.label,
    status: 'ok' as const,
    last_synced_at: null,
    last_error: null,
    sync_pages: 0,
    sync_records: 0,
    created_at: now,
    updated_at: now,
    revoked_at: null,
    settings: null,
  };
}

async function insertWithPlan(
  app: AppContext,
  row: ReturnType<typeof newConnectionRow>,
  plan: SubscriptionPlan,
): Promise<void> {
  const times = { created_at: row.created_at, updated_at: row.updated_at };
  await compileBatch(app.env.DB, [
    app.db.insertInto('connections').values(row),
    app.db.insertInto('subscription_plans').values({
      workspace_id: row.workspace_id,
      connection_id: row.id,
      ...planColumns(plan),
      ...times,
    }),
  ]);
}

// The plan is saved either way; if its charges cannot be written now, the connection says
// so and `POST /:id/sync` writes them later.
async function chargeOrFlag(
  app: AppContext,
  target: RecordTarget,
  plan: SubscriptionPlan,
  createdAt: string,
) {
  try {
    await refreshSubscriptionCharges(app, target, plan, createdAt);
    return { last_synced_at: app.now().toISOString() };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const lastError = 'The charges could not be written yet; sync the connection to retry.';
    await app.db
      .updateTable('connections')
      .set({ status: 'error', last_error: lastError })
      .where('workspace_id', '=', target.workspaceId)
      .where('id', '=', target.connectionId)
      .execute();
    return { status: 'error' as const, last_error: lastError };
  }
}

function today(app: AppContext): string {
  return app.now().toISOString().slice(0, 10);
}
