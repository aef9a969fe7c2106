import {
  addMonths,
  compareDates,
  daysInMonth,
  formatCivilDate,
  localDateAt,
  parseCivilDate,
  utcMidnightOf,
  type CivilDate,
} from '@stax/budgets';
import type { StaxDb } from '@stax/db';
import type { AlertDraft } from './alert-events';
import type { EvaluationContext } from './evaluation-context';

/** Days before a renewal that a reminder goes out, the earliest first. */
export const RENEWAL_LEAD_DAYS = [14, 3] as const;

const DAY_MS = 86_400_000;

/** A plan's next renewal, as `upcomingRenewals` finds it. */
export interface UpcomingRenewal {
  connectionId: string;
  label: string;
  provider: string;
  renewalDate: string;
  daysLeft: number;
  seats: number;
  pricePerSeatMicros: number;
  currency: string;
  billingCycle: 'monthly' | 'annual';
}

/**
 * One reminder per renewal and lead time: 14 days before, then 3. A plan entered 10 days
 * before its renewal gets the 14-day reminder at once ("in 10 days"), one entered 2 days
 * before only the 3-day one.
 */
export async function renewalAlertDrafts(context: EvaluationContext): Promise<AlertDraft[]> {
  const today = localDateAt(context.calendar.timeZone, context.now.getTime());
  const renewals = await upcomingRenewals(context.db, context.workspaceId, today);
  return renewals.flatMap((renewal) => {
    const leadDays = leadTimeOf(renewal.daysLeft);
    if (leadDays === null) return [];
    return [
      {
        workspaceId: context.workspaceId,
        dedupeKey: `${renewal.connectionId}|${renewal.renewalDate}|${leadDays}`,
        detail: { kind: 'renewal_upcoming' as const, ...renewal, leadDays },
        recipients: context.recipients,
        connectionId: renewal.connectionId,
      },
    ];
  });
}

function leadTimeOf(daysLeft: number): number | null {
  const within = RENEWAL_LEAD_DAYS.filter((lead) => daysLeft <= lead);
  return within.at(-1) ?? null;
}

/**
 * The next renewal of each live subscription connection (issue 4's `subscription_plans`),
 * on or after `today`: the stored renewal day advanced by whole billing cycles, keeping its
 * day of the month (or the month's last day when shorter).
 */
export async function upcomingRenewals(
  db: StaxDb,
  workspaceId: string,
  today: CivilDate,
): Promise<UpcomingRenewal[]> {
  const rows = await db
    .selectFrom('subscription_plans as p')
    .innerJoin('connections as c', (join) =>
      join.onRef('c.workspace_id', '=', 'p.workspace_id').onRef('c.id', '=', 'p.connection_id'),
    )
    .select(['c.id', 'c.label', 'c.provider', 'p.seats', 'p.price_per_seat_micros'])
    .select(['p.currency', 'p.billing_cycle', 'p.renewal_date'])
    .where('p.workspace_id', '=', workspaceId)
    .where('c.revoked_at', 'is', null)
    .orderBy('c.id')
    .execute();
  return rows.flatMap((row) => {
    const anchor = parseCivilDate(row.renewal_date);
    if (!anchor) return [];
    const next = nextRenewal(anchor, row.billing_cycle === 'annual' ? 12 : 1, today);
    return [
      {
        connectionId: row.id,
        label: row.label,
        provider: row.provider,
        renewalDate: formatCivilDate(next),
        daysLeft: Math.round((utcMidnightOf(next) - utcMidnightOf(today)) / DAY_MS),
        seats: row.seats,
        pricePerSeatMicros: row.price_per_seat_micros,
        currency: row.currency,
        billingCycle: row.billing_cycle,
      },
    ];
  });
}

/** The first renewal on or after `today` of a plan anchored on `anchor`, every `months`. */
export function nextRenewal(anchor: CivilDate, months: number, today: CivilDate): CivilDate {
  const cyclesBehind = Math.max(
    0,
    Math.floor(((today.year - anchor.year) * 12 + (today.month - anchor.month)) / months) - 1,
  );
  for (let cycle = cyclesBehind; ; cycle += 1) {
    const month = addMonths(anchor.year, anchor.month, cycle * months);
    const renewal = { ...month, day: Math.min(anchor.day, daysInMonth(month.year, month.month)) };
    if (compareDates(renewal, today) >= 0) return renewal;
  }
}
