import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { ConnectionIdSchema, UtcDaySchema } from '@stax/contracts';
import { ApiError, parseWith, readQuery } from '@stax/http';
import { deleteBillingData } from '@stax/workspaces';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit-log/record';
import { authenticate, requireRole } from '../auth/authenticate';
import { connectionBelongsTo } from '../connections/connection.store';
import { json } from '../http/respond';
import { reportForeignAccess } from '../tenancy/foreign-access';

// Each DELETE statement stays short; the request loops until the scope is empty.
const DELETE_BATCH_ROWS = 5_000;

const DeleteDataSchema = z.strictObject({
  connection: ConnectionIdSchema.optional(),
  before: UtcDaySchema.optional(),
});

/**
 * DELETE /api/v1/data?connection=&before=: deletes the workspace's cached billing data (cost
 * and usage records), of one connection or all, optionally only days before `before`. A
 * connection of another workspace, or none, answers 404. The audit log records the counts.
 */
export async function deleteData(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const query = parseWith(DeleteDataSchema, readQuery(request));
  const { connection, before } = query;
  if (connection && !(await connectionBelongsTo(app, principal.workspaceId, connection))) {
    reportForeignAccess(app, principal, 'connection', connection);
    throw new ApiError('not_found', { title: 'No such connection in this workspace.' });
  }

  const scope = { workspaceId: principal.workspaceId, connectionId: connection, before };
  const deleted = await deleteBillingData(app.db, scope, { batchSize: DELETE_BATCH_ROWS });
  const total = deleted.costRecords + deleted.usageRecords;
  await recordAudit(app, {
    workspaceId: principal.workspaceId,
    action: 'data.deleted',
    outcome: 'success',
    actor: principal.actor,
    connectionId: connection ?? null,
    detail: {
      costRecords: deleted.costRecords,
      usageRecords: deleted.usageRecords,
      before: before ?? null,
    },
  });

  return json({
    deleted: { costRecords: deleted.costRecords, usageRecords: deleted.usageRecords, total },
    connection: connection ?? null,
    before: before ?? null,
  });
}
