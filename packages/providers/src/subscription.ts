import { z } from 'zod';
import { CurrencySchema, UtcDaySchema, type CostRecord, type ProviderId } from '@stax/contracts';
import { formatMicros, parseMicros } from '@stax/money';
import { PROVIDER_NAMES } from './matrix';

const MAX_SEATS = 1_000_000;
// A plan older than this many periods has its earliest ones left out rather than computed.
const MAX_PERIODS = 120;
const DAY_MS = 86_400_000;

/** Days before a renewal on which a reminder is due (issue 5's alerts send them). */
export const RENEWAL_REMINDER_DAYS = [14, 3] as const;

/** A plan as the user enters it: the price per seat is decimal text of its currency. */
export const SubscriptionPlanSchema = z.strictObject({
  seats: z.number().int().min(1).max(MAX_SEATS),
  pricePerSeat: z
    .string()
    .regex(/^\d{1,9}(?:\.\d{1,6})?$/, { message: 'must be a decimal amount such as 25.00' }),
  currency: CurrencySchema,
  billingCycle: z.enum(['monthly', 'annual']),
  renewalDate: UtcDaySchema,
});
export type SubscriptionPlanInput = z.infer<typeof SubscriptionPlanSchema>;

/** A plan as Stax keeps it: money in integer micro-units. */
export interface SubscriptionPlan {
  seats: number;
  pricePerSeatMicros: number;
  currency: string;
  billingCycle: 'monthly' | 'annual';
  /** Any renewal day of the plan; every billing period starts on its day of the month. */
  renewalDate: string;
}

/** One billing period, [start, end) as UTC days. */
export interface BillingPeriod {
  start: string;
  end: string;
}

/** The plan with its price read from decimal text (the schema has checked the text). */
export function toSubscriptionPlan(input: SubscriptionPlanInput): SubscriptionPlan {
  const pricePerSeatMicros = parseMicros(input.pricePerSeat, 6) ?? 0;
  const { seats, currency, billingCycle, renewalDate } = input;
  return { seats, pricePerSeatMicros, currency, billingCycle, renewalDate };
}

/** The plan as the API shows it, the price back as decimal text. */
export function toPlanInput(plan: SubscriptionPlan): SubscriptionPlanInput {
  const { seats, currency, billingCycle, renewalDate } = plan;
  return {
    seats,
    pricePerSeat: formatMicros(plan.pricePerSeatMicros),
    currency,
    billingCycle,
    renewalDate,
  };
}

/** The billing period that holds a day. */
export function periodOf(plan: SubscriptionPlan, day: string): BillingPeriod {
  const step = plan.billingCycle === 'annual' ? 12 : 1;
  let index = Math.floor(monthsBetween(plan.renewalDate, day) / step);
  while (boundary(plan, index) > day) index -= 1;
  while (boundary(plan, index + 1) <= day) index += 1;
  return { start: boundary(plan, index), end: boundary(plan, index + 1) };
}

/** Every billing period from the one holding `since` to the one holding `today`. */
export function periodsBetween(
  plan: SubscriptionPlan,
  since: string,
  today: string,
): BillingPeriod[] {
  const periods: BillingPeriod[] = [];
  let period = periodOf(plan, today);
  while (periods.length < MAX_PERIODS) {
    periods.unshift(period);
    if (period.start <= since) break;
    period = periodOf(plan, addDays(period.start, -1));
  }
  return periods;
}

/** The charge of one period: seats × price per seat, FOCUS category `purchase`, computed. */
export function subscriptionCharge(
  plan: SubscriptionPlan,
  provider: ProviderId,
  period: BillingPeriod,
): CostRecord {
  const amount = BigInt(plan.seats) * BigInt(plan.pricePerSeatMicros);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError('charge beyond a safe integer');
  const price = `${formatMicros(plan.pricePerSeatMicros)} ${plan.currency}`;
  return {
    recordKey: `subscription|${period.start}`,
    chargePeriodStart: `${period.start}T00:00:00Z`,
    chargePeriodEnd: `${period.end}T00:00:00Z`,
    chargeCategory: 'purchase',
    billedCostMicros: Number(amount),
    currency: plan.currency,
    serviceName: `${PROVIDER_NAMES[provider]} subscription`,
    model: null,
    chargeDescription: `${plan.seats} seats × ${price}, ${plan.billingCycle}`,
    projectId: null,
    apiKeyId: null,
    consumedQuantity: plan.seats,
    consumedUnit: 'seats',
    source: 'computed',
  };
}

/** The day a plan next renews after `today` (the end of the current period). */
export function nextRenewal(plan: SubscriptionPlan, today: string): string {
  return periodOf(plan, today).end;
}

/**
 * For issue 5's alerts: the reminder due today, 14 or 3 days before the next renewal, or
 * null. Called once a day per plan, it is due exactly once per reminder.
 */
export function renewalReminderDue(
  plan: SubscriptionPlan,
  today: string,
): { renewalDate: string; daysBefore: (typeof RENEWAL_REMINDER_DAYS)[number] } | null {
  const renewalDate = nextRenewal(plan, today);
  const days = (Date.parse(renewalDate) - Date.parse(today)) / DAY_MS;
  const daysBefore = RENEWAL_REMINDER_DAYS.find((reminder) => reminder === days);
  return daysBefore === undefined ? null : { renewalDate, daysBefore };
}

// The k-th renewal day from the plan's anchor; a day past a month's end falls on its last day.
function boundary(plan: SubscriptionPlan, index: number): string {
  const step = plan.billingCycle === 'annual' ? 12 : 1;
  const [year = 0, month = 1, day = 1] = plan.renewalDate.split('-').map(Number);
  const months = year * 12 + (month - 1) + index * step;
  const targetYear = Math.floor(months / 12);
  const targetMonth = months - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)))
    .toISOString()
    .slice(0, 10);
}

function monthsBetween(from: string, to: string): number {
  const [fromYear = 0, fromMonth = 1] = from.split('-').map(Number);
  const [toYear = 0, toMonth = 1] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
