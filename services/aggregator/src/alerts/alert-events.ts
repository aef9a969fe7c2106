import { newId } from '@stax/contracts';
import type { StaxDb } from '@stax/db';
import { sql } from 'kysely';
import { z } from 'zod';
import { AlertDetailSchema, type AlertDetail, type AlertKind } from '@stax/budgets';

/** An alert an evaluation wants to send; it is sent only if its claim wins. */
export interface AlertDraft {
  workspaceId: string;
  /** Unique per workspace and kind: what makes the alert once-only (see migration 0006). */
  dedupeKey: string;
  detail: AlertDetail;
  recipients: readonly string[];
  budgetId?: string;
  thresholdId?: string;
  periodStart?: string;
  connectionId?: string;
}

/** An alert whose row this evaluation wrote (or one still waiting for its email). */
export interface ClaimedAlert {
  id: string;
  workspaceId: string;
  detail: AlertDetail;
  recipients: string[];
  /** Sends already tried. */
  attempts: number;
}

/**
 * Writes the alert's row unless one with its key exists. Returns the alert when this call
 * wrote it, null when another evaluation (now or earlier) did: only the winner sends.
 */
export async function claimAlert(
  db: StaxDb,
  draft: AlertDraft,
  now: Date,
): Promise<ClaimedAlert | null> {
  const id = newId('alr');
  const recipients = [...draft.recipients];
  const result = await db
    .insertInto('alert_events')
    .values({
      id,
      workspace_id: draft.workspaceId,
      kind: draft.detail.kind,
      dedupe_key: draft.dedupeKey,
      budget_id: draft.budgetId ?? null,
      threshold_id: draft.thresholdId ?? null,
      period_start: draft.periodStart ?? null,
      connection_id: draft.connectionId ?? null,
      detail: JSON.stringify(draft.detail),
      recipients: JSON.stringify(recipients),
      email_status: recipients.length > 0 ? 'pending' : 'no_recipients',
      email_id: null,
      email_error: null,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'kind', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
  return { id, workspaceId: draft.workspaceId, detail: draft.detail, recipients, attempts: 0 };
}

/** The kinds of alert already decided per threshold of a budget in one period. */
export async function thresholdAlertsOfPeriod(
  db: StaxDb,
  workspaceId: string,
  budgetId: string,
  periodStart: string,
): Promise<Map<string, Set<AlertKind>>> {
  const rows = await db
    .selectFrom('alert_events')
    .select(['threshold_id', 'kind'])
    .where('workspace_id', '=', workspaceId)
    .where('budget_id', '=', budgetId)
    .where('period_start', '=', periodStart)
    .execute();
  const seen = new Map<string, Set<AlertKind>>();
  for (const row of rows) {
    if (row.threshold_id === null) continue;
    const kinds = seen.get(row.threshold_id) ?? new Set<AlertKind>();
    kinds.add(row.kind);
    seen.set(row.threshold_id, kinds);
  }
  return seen;
}

/** Sends are given up after this many tries. */
export const MAX_EMAIL_ATTEMPTS = 5;
/**
 * A pending alert younger than this is left to the evaluation that claimed it, which may be
 * sending it right now.
 */
export const RETRY_MIN_AGE_MS = 5 * 60_000;
/** Resend keeps an idempotency key for 24 hours; retries stop well inside that. */
export const RETRY_WINDOW_MS = 23 * 3_600_000;

const RecipientsSchema = z.array(z.string());

/** Alerts of a workspace whose email an earlier evaluation claimed but did not get out. */
export async function undeliveredAlerts(
  db: StaxDb,
  workspaceId: string,
  now: Date,
): Promise<ClaimedAlert[]> {
  const rows = await db
    .selectFrom('alert_events')
    .select(['id', 'workspace_id', 'detail', 'recipients', 'email_attempts'])
    .where('workspace_id', '=', workspaceId)
    .where('email_status', '=', 'pending')
    .where('created_at', '<=', new Date(now.getTime() - RETRY_MIN_AGE_MS).toISOString())
    .where('created_at', '>', new Date(now.getTime() - RETRY_WINDOW_MS).toISOString())
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    detail: AlertDetailSchema.parse(JSON.parse(row.detail)),
    recipients: RecipientsSchema.parse(JSON.parse(row.recipients)),
    attempts: row.email_attempts,
  }));
}

/** Gives up on the workspace's pending alerts that are past the retry window. */
export async function expireUndelivered(db: StaxDb, workspaceId: string, now: Date) {
  await db
    .updateTable('alert_events')
    .set({ email_status: 'failed', email_error: 'not delivered within the retry window' })
    .where('workspace_id', '=', workspaceId)
    .where('email_status', '=', 'pending')
    .where('created_at', '<=', new Date(now.getTime() - RETRY_WINDOW_MS).toISOString())
    .execute();
}

/** Records a send that Resend accepted. */
export async function markSent(db: StaxDb, alert: ClaimedAlert, emailId: string, now: Date) {
  await pendingAlert(db, alert)
    .set({
      email_status: 'sent',
      email_id: emailId,
      email_error: null,
      email_attempts: sql<number>`email_attempts + 1`,
      sent_at: now.toISOString(),
    })
    .execute();
}

/** Records a send that failed; the alert stays pending until its last attempt. */
export async function markSendFailed(db: StaxDb, alert: ClaimedAlert, reason: string) {
  await pendingAlert(db, alert)
    .set({
      email_status: sql<'pending' | 'failed'>`CASE WHEN email_attempts + 1 >= ${MAX_EMAIL_ATTEMPTS}
        THEN 'failed' ELSE 'pending' END`,
      email_error: reason,
      email_attempts: sql<number>`email_attempts + 1`,
    })
    .execute();
}

function pendingAlert(db: StaxDb, alert: ClaimedAlert) {
  return db
    .updateTable('alert_events')
    .where('id', '=', alert.id)
    .where('workspace_id', '=', alert.workspaceId)
    .where('email_status', '=', 'pending');
}
