import type { StaxDb } from '@stax/db';
import { z } from 'zod';

/** Week days in `Date.getUTCDay()` order: index 0 is Sunday; `week_start` stores the index. */
export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export const WeekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof WeekdaySchema>;

/**
 * A quarter, the longest budget period, spans at most 92 days: keeping less would make a
 * quarterly budget count spend that is gone. Ten years is far past any invoice dispute.
 */
export const MIN_RETENTION_DAYS = 92;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_ALERT_RECIPIENTS = 20;

// IANA names start with a letter (Europe/Berlin, UTC, Etc/GMT+2); Intl also takes bare
// offsets such as +02:00, which are not zones: they have no daylight-saving rules.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+/-]*$/;

/** The canonical IANA name of a time zone the runtime knows, or null. */
export function canonicalTimeZone(timeZone: string): string | null {
  if (!IANA_NAME.test(timeZone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time zone name, checked with Intl and stored in its canonical spelling. */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .transform((timeZone, context) => {
    const canonical = canonicalTimeZone(timeZone);
    if (canonical === null) {
      context.addIssue({
        code: 'custom',
        message: 'must be an IANA time zone such as Europe/Berlin',
      });
      return z.NEVER;
    }
    return canonical;
  });

/** Email addresses that get alerts; none means the workspace's owners. Lower case, unique. */
export const AlertRecipientsSchema = z
  .array(
    z
      .email()
      .max(254)
      .transform((email) => email.toLowerCase()),
  )
  .max(MAX_ALERT_RECIPIENTS)
  .transform((emails) => [...new Set(emails)]);

/** A workspace's settings, as the code of every Worker reads them. */
export interface WorkspaceSettings {
  id: string;
  name: string;
  /** IANA time zone; budget periods start at midnight here. */
  timeZone: string;
  /** First day of a week, 0 (Sunday) to 6 (Saturday). */
  weekStart: number;
  retentionDays: number;
  /** As stored; empty means the owners (see `alertRecipientsOf`). */
  alertRecipients: string[];
}

const StoredRecipientsSchema = z.array(z.string());

// JSON read back from storage is checked like any other input; unreadable reads as none.
function parseStoredRecipients(json: string): string[] {
  try {
    const parsed = StoredRecipientsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** A workspace's settings, or null when there is no such workspace. */
export async function readWorkspaceSettings(
  db: StaxDb,
  workspaceId: string,
): Promise<WorkspaceSettings | null> {
  const row = await db
    .selectFrom('workspaces')
    .select(['id', 'name', 'time_zone', 'week_start', 'retention_days', 'alert_recipients'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    timeZone: canonicalTimeZone(row.time_zone) ?? 'UTC',
    weekStart: row.week_start,
    retentionDays: row.retention_days,
    alertRecipients: parseStoredRecipients(row.alert_recipients),
  };
}

/** The email addresses of a workspace's owners, sorted. */
export async function ownerEmails(db: StaxDb, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.email')
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.role', '=', 'owner')
    .orderBy('users.email')
    .execute();
  return rows.map((row) => row.email);
}

/** Who gets a workspace's alerts: its alert recipients, or its owners when it names none. */
export async function alertRecipientsOf(db: StaxDb, workspaceId: string): Promise<string[]> {
  const settings = await readWorkspaceSettings(db, workspaceId);
  if (settings && settings.alertRecipients.length > 0) return settings.alertRecipients;
  return ownerEmails(db, workspaceId);
}
