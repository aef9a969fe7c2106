import { isDataDay } from './calendar';
import { hash32 } from './hash';
import { dailyInputTokens } from './volume';

/** The export services the simulated company runs: two of Google AI and one other. */
export const GOOGLE_SERVICES = ['Generative Language API', 'Vertex AI', 'Compute Engine'] as const;
export type GoogleService = (typeof GOOGLE_SERVICES)[number];

/** Nano-units of the account's currency per input token of each service's volume. */
const NANOS_PER_TOKEN: Readonly<Record<GoogleService, bigint>> = {
  'Generative Language API': 300n,
  'Vertex AI': 1250n,
  'Compute Engine': 90n,
};
/** Credits (negative) take 0..CREDIT_PERCENT_SPAN-1 percent of a day's cost. */
const CREDIT_PERCENT_SPAN = 25;
/** Of a month's last day, 0..LATE_PERCENT_SPAN-1 percent is billed in the next invoice month. */
const LATE_PERCENT_SPAN = 50;

/** One row of the export, summed as the daily query sums: a day, a service, an invoice month. */
export interface GoogleCostRow {
  readonly day: string;
  readonly service: GoogleService;
  /** `YYYYMM` */
  readonly invoiceMonth: string;
  /** Gross cost and credits (zero or less) in nano-units of the account's currency. */
  readonly costNanos: bigint;
  readonly creditNanos: bigint;
}

/** An org ending in `eu` bills in EUR; every other in USD. */
export function googleCurrency(org: string): 'EUR' | 'USD' {
  return org.endsWith('eu') ? 'EUR' : 'USD';
}

function monthOf(day: string): string {
  return day.slice(0, 7).replace('-', '');
}

function nextMonthOf(day: string): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 7).replace('-', '');
}

function isLastDayOfMonth(day: string): boolean {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  return next.getUTCDate() === 1;
}

function split(total: bigint, percent: number): [bigint, bigint] {
  const moved = (total * BigInt(percent)) / 100n;
  return [total - moved, moved];
}

/**
 * The export rows of one (day, service): cost = input tokens × the service's rate, credits =
 * −(cost × hash % 25 %), truncated to whole nanos. On a month's last day a share (hash % 50 %)
 * of both is billed in the next invoice month, as late usage is.
 */
export function googleCostRows(org: string, day: string, service: GoogleService): GoogleCostRow[] {
  if (!isDataDay(day)) return [];
  const tokens = dailyInputTokens('openai', `google-${org}`, day, 'export', service);
  const costNanos = BigInt(tokens) * NANOS_PER_TOKEN[service];
  const creditPercent = hash32('google', org, day, service, 'credit') % CREDIT_PERCENT_SPAN;
  const creditNanos = -((costNanos * BigInt(creditPercent)) / 100n);
  const month = monthOf(day);
  if (!isLastDayOfMonth(day))
    return [{ day, service, invoiceMonth: month, costNanos, creditNanos }];

  const latePercent = hash32('google', org, day, service, 'late') % LATE_PERCENT_SPAN;
  const [cost, lateCost] = split(costNanos, latePercent);
  const [credit, lateCredit] = split(creditNanos, latePercent);
  return [
    { day, service, invoiceMonth: month, costNanos: cost, creditNanos: credit },
    { day, service, invoiceMonth: nextMonthOf(day), costNanos: lateCost, creditNanos: lateCredit },
  ];
}
