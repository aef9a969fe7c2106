import { z } from 'zod';

const ID_BODY_LENGTH = 20;

/** A new random id with a type prefix: `con_` and 20 base32 characters. */
export function newId(prefix: IdPrefix): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.getRandomValues(new Uint8Array(ID_BODY_LENGTH));
  return `${prefix}_${Array.from(bytes, (byte) => alphabet[byte % 32]).join('')}`;
}

export type IdPrefix =
  | 'usr'
  | 'wsp'
  | 'con'
  | 'tok'
  | 'job'
  | 'ses'
  | 'evt'
  // Budgets, their thresholds and alerts (issue 5).
  | 'bud'
  | 'thr'
  | 'alr'
  // Invitations and tags (issue 5).
  | 'inv'
  | 'tag';

/** An id of one kind, as it may arrive from outside (checked, never trusted). */
export function idSchema(prefix: IdPrefix) {
  return z.string().regex(new RegExp(`^${prefix}_[a-z2-7]{${ID_BODY_LENGTH}}$`), {
    message: `must be an id starting with ${prefix}_`,
  });
}

export const WorkspaceIdSchema = idSchema('wsp');
export const ConnectionIdSchema = idSchema('con');
export const UserIdSchema = idSchema('usr');
export const JobIdSchema = idSchema('job');
export const BudgetIdSchema = idSchema('bud');
export const TagIdSchema = idSchema('tag');
export const InvitationIdSchema = idSchema('inv');

/** A UTC calendar day, `YYYY-MM-DD`, that exists. */
export const UtcDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  .refine((day) => isCalendarDay(day), { message: 'must be a real calendar date' });

function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}
export type UtcDay = z.infer<typeof UtcDaySchema>;

/** An instant in UTC as ISO 8601 with a `Z`. */
export const UtcInstantSchema = z.iso.datetime({ offset: false });
