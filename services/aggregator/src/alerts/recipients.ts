import type { StaxDb } from '@stax/db';
import { z } from 'zod';

/** Resend takes at most 50 recipients per email. */
const MAX_RECIPIENTS = 50;

const RecipientListSchema = z.array(z.email()).max(MAX_RECIPIENTS);

/**
 * Who gets a workspace's alerts: the addresses of its alert-recipients setting, or, when that
 * is empty (the default) or unreadable, its owners.
 */
export async function alertRecipients(db: StaxDb, workspaceId: string): Promise<string[]> {
  const workspace = await db
    .selectFrom('workspaces')
    .select('alert_recipients')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  const configured = RecipientListSchema.safeParse(parseJson(workspace?.alert_recipients));
  if (configured.success && configured.data.length > 0) return configured.data;
  return owners(db, workspaceId);
}

async function owners(db: StaxDb, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.email')
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.role', '=', 'owner')
    .orderBy('users.email')
    .limit(MAX_RECIPIENTS)
    .execute();
  return rows.map((row) => row.email);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
