import { loadBudgets, readWorkspaceCalendar } from '@stax/budgets';
import type { StaxDb } from '@stax/db';
import type { Logger } from '@stax/log';
import type { Env } from '../env';
import { sendEmail } from '../mailer';
import { renderAlertEmail } from './alert-email';
import {
  claimAlert,
  expireUndelivered,
  markSendFailed,
  markSent,
  undeliveredAlerts,
  type AlertDraft,
  type ClaimedAlert,
} from './alert-events';
import { budgetAlertDrafts } from './budget-alerts';
import { connectionAlertDrafts } from './connection-alerts';
import type { EvaluationContext } from './evaluation-context';
import { alertRecipients } from './recipients';
import { renewalAlertDrafts } from './renewal-alerts';

/** What an evaluation needs from its Worker. */
export interface AlertDeps {
  db: StaxDb;
  env: Pick<Env, 'APP_URL' | 'RESEND_API_KEY' | 'RESEND_BASE_URL' | 'EMAIL_FROM'>;
  log: Logger;
}

/** What one evaluation of a workspace did. */
export interface EvaluationSummary {
  /** Alerts this evaluation decided (won the claim for). */
  claimed: number;
  /** Emails Resend accepted, of claimed and of retried alerts. */
  sent: number;
  /** Sends that failed; the alert is retried by a later evaluation until its last attempt. */
  failed: number;
}

/**
 * Evaluates every alert of a workspace at `now`: budget thresholds and their resolutions,
 * connections that need attention, upcoming renewals. Each alert is claimed with a
 * conditional insert and emailed only by the evaluation whose insert won; alerts whose email
 * an earlier evaluation failed to send are retried with the same idempotency key.
 */
export async function evaluateWorkspaceAlerts(
  deps: AlertDeps,
  workspaceId: string,
  now: Date,
): Promise<EvaluationSummary> {
  const log = deps.log.child({ workspaceId });
  const calendar = await readWorkspaceCalendar(deps.db, workspaceId);
  if (!calendar) return { claimed: 0, sent: 0, failed: 0 };
  const recipients = await alertRecipients(deps.db, workspaceId);
  const context: EvaluationContext = { db: deps.db, workspaceId, calendar, recipients, now };

  const drafts = await allDrafts(context, log);
  const claimed = await claimAll(deps.db, drafts, now);
  const retried = await undeliveredAlerts(deps.db, workspaceId, now);
  await expireUndelivered(deps.db, workspaceId, now);
  const delivered = await deliverAll({ ...deps, log }, [...claimed, ...retried], now);

  return { claimed: claimed.length, ...delivered };
}

// Each budget is checked on its own: one that cannot be evaluated does not silence the rest.
async function allDrafts(context: EvaluationContext, log: Logger): Promise<AlertDraft[]> {
  const drafts: AlertDraft[] = [];
  for (const budget of await loadBudgets(context.db, context.workspaceId)) {
    try {
      drafts.push(...(await budgetAlertDrafts(context, budget)));
    } catch (error) {
      log.error('budget not evaluated', { budgetId: budget.id, error });
    }
  }
  drafts.push(...(await connectionAlertDrafts(context)));
  drafts.push(...(await renewalAlertDrafts(context)));
  return drafts;
}

async function claimAll(db: StaxDb, drafts: AlertDraft[], now: Date): Promise<ClaimedAlert[]> {
  const claimed: ClaimedAlert[] = [];
  for (const draft of drafts) {
    const alert = await claimAlert(db, draft, now);
    if (alert) claimed.push(alert);
  }
  return claimed;
}

async function deliverAll(deps: AlertDeps, alerts: ClaimedAlert[], now: Date) {
  let sent = 0;
  let failed = 0;
  for (const alert of alerts) {
    if (alert.recipients.length === 0) continue;
    if (await deliverAlert(deps, alert, now)) sent += 1;
    else failed += 1;
  }
  return { sent, failed };
}

async function deliverAlert(deps: AlertDeps, alert: ClaimedAlert, now: Date): Promise<boolean> {
  const content = renderAlertEmail(alert.detail, deps.env.APP_URL);
  const email = { ...content, to: alert.recipients, idempotencyKey: alert.id };
  const fields = { alertId: alert.id, kind: alert.detail.kind, attempt: alert.attempts + 1 };
  try {
    const result = await sendEmail(deps.env, email);
    if (result.ok) {
      await markSent(deps.db, alert, result.id, now);
      deps.log.info('alert sent', fields);
      return true;
    }
    await markSendFailed(deps.db, alert, result.reason);
    deps.log.warn('alert email refused; retried later', { ...fields, reason: result.reason });
  } catch (error) {
    await markSendFailed(deps.db, alert, 'the email could not be sent');
    deps.log.error('alert email failed; retried later', { ...fields, error });
  }
  return false;
}

/**
 * The workspaces an evaluation pass looks at: those with a budget, a connection in trouble,
 * a subscription plan, or an alert still waiting for its email. This scan spans every
 * workspace by design: it is the system's own schedule.
 */
export async function workspacesToEvaluate(db: StaxDb): Promise<string[]> {
  const rows = await db
    .selectFrom('budgets')
    .select('workspace_id')
    .union(
      db
        .selectFrom('connections')
        .select('workspace_id')
        .where('status', 'in', ['needs_attention', 'error'])
        .where('revoked_at', 'is', null),
    )
    .union(db.selectFrom('subscription_plans').select('workspace_id'))
    .union(
      db.selectFrom('alert_events').select('workspace_id').where('email_status', '=', 'pending'),
    )
    .orderBy('workspace_id')
    .execute();
  return rows.map((row) => row.workspace_id);
}

/** Evaluates every workspace that may have an alert due; one failing does not stop the rest. */
export async function evaluateAllWorkspaces(deps: AlertDeps, now: Date) {
  const totals = { workspaces: 0, claimed: 0, sent: 0, failed: 0, unevaluated: 0 };
  for (const workspaceId of await workspacesToEvaluate(deps.db)) {
    try {
      const summary = await evaluateWorkspaceAlerts(deps, workspaceId, now);
      totals.workspaces += 1;
      totals.claimed += summary.claimed;
      totals.sent += summary.sent;
      totals.failed += summary.failed;
    } catch (error) {
      totals.unevaluated += 1;
      deps.log.error('alerts not evaluated', { workspaceId, error });
    }
  }
  return totals;
}
