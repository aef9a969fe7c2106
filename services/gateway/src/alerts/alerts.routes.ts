import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { AlertDetailSchema, type AlertDetail } from '@stax/budgets';
import { UtcInstantSchema } from '@stax/contracts';
import { parseWith, readQuery } from '@stax/http';
import type { AppContext } from '../app-context';
import { authenticate } from '../auth/authenticate';
import { json } from '../http/respond';

const DEFAULT_ALERTS = 50;
const MAX_ALERTS = 200;

const AlertKindSchema = z.enum([
  'budget_threshold',
  'budget_resolved',
  'connection_attention',
  'renewal_upcoming',
]);

const AlertQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_ALERTS).default(DEFAULT_ALERTS),
  /** Only alerts decided before this instant: the `createdAt` of the last one of a page. */
  before: UtcInstantSchema.optional(),
  kind: AlertKindSchema.optional(),
});

/**
 * GET /api/v1/alerts?limit&before&kind: the workspace's alert history, newest first, with the
 * facts each alert was sent with and whether its email went out. Never the recipients'
 * addresses or the email body.
 */
export async function listAlerts(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const query = parseWith(AlertQuerySchema, readQuery(request));

  let select = app.db
    .selectFrom('alert_events')
    .select(['id', 'kind', 'budget_id', 'threshold_id', 'period_start', 'connection_id'])
    .select(['detail', 'email_status', 'email_attempts', 'created_at', 'sent_at'])
    .where('workspace_id', '=', principal.workspaceId);
  if (query.before) select = select.where('created_at', '<', query.before);
  if (query.kind) select = select.where('kind', '=', query.kind);
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(query.limit)
    .execute();

  return json({ alerts: rows.map(toAlertView) });
}

function toAlertView(row: {
  id: string;
  kind: string;
  budget_id: string | null;
  threshold_id: string | null;
  period_start: string | null;
  connection_id: string | null;
  detail: string;
  email_status: string;
  email_attempts: number;
  created_at: string;
  sent_at: string | null;
}) {
  return {
    id: row.id,
    kind: row.kind,
    budgetId: row.budget_id,
    thresholdId: row.threshold_id,
    periodStart: row.period_start,
    connectionId: row.connection_id,
    detail: readDetail(row.detail),
    email: { status: row.email_status, attempts: row.email_attempts, sentAt: row.sent_at },
    createdAt: row.created_at,
  };
}

// Stored JSON is checked on the way out; a row that does not read back shows no detail.
function readDetail(text: string): AlertDetail | null {
  try {
    const parsed = AlertDetailSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
