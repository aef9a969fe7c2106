import { ProviderIdSchema } from '@stax/contracts';
import type { ConnectionsTable } from '@stax/db';
import { ApiError } from '@stax/http';
import type { Selectable } from 'kysely';
import type { AppContext } from '../app-context';
import { json } from '../http/respond';
import { refreshSubscriptionCharges } from '../subscriptions/charges';
import { findPlan } from '../subscriptions/plan.store';

/**
 * `POST /:id/sync` of a connection without a fetcher: a subscription writes the charges of
 * any period not charged yet and of the current one; an import has nothing to pull.
 */
export async function syncManualConnection(
  app: AppContext,
  row: Selectable<ConnectionsTable>,
): Promise<Response> {
  if (row.kind === 'import') {
    throw new ApiError('conflict', {
      title: 'An import connection has nothing to sync; upload a file to its imports.',
    });
  }
  const plan = await findPlan(app, row.workspace_id, row.id);
  if (!plan) throw new ApiError('not_found', { title: 'This subscription has no plan.' });
  const target = {
    workspaceId: row.workspace_id,
    connectionId: row.id,
    provider: ProviderIdSchema.parse(row.provider),
  };
  const periods = await refreshSubscriptionCharges(app, target, plan, row.created_at);
  return json({ status: 'charged', periods });
}
