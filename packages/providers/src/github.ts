import { z } from 'zod';
import { fail, ok, type CostRecord, type Result, type SeatCount } from '@stax/contracts';
import { parseMicros } from '@stax/money';
import {
  emptyRecordSet,
  type PageContext,
  type PageFailureCode,
  type ProviderAdapter,
  type SyncPage,
  type SyncSource,
} from './adapter';
import { CountTextSchema, DecimalTextSchema, QuantityTextSchema } from './number-text';
import { LabelSchema } from './paging';
import { readResponse } from './read-page';
import { sumRecordsByKey } from './record-sums';
import type { DayWindow } from './time';

/** The GitHub REST paths Stax reads; `{org}` is the organization's login. */
export const GITHUB_SEATS_SUMMARY_PATH = '/orgs/{org}/copilot/billing';
export const GITHUB_SEATS_PATH = '/orgs/{org}/copilot/billing/seats';
export const GITHUB_AI_CREDIT_USAGE_PATH = '/organizations/{org}/settings/billing/ai_credit/usage';
/** The OAuth token exchange, on GitHub's OAuth origin (github.com), not its API. */
export const GITHUB_OAUTH_TOKEN_PATH = '/login/oauth/access_token';

/** The REST API version every request names; the AI-credit reference is written for it. */
export const GITHUB_API_VERSION = '2026-03-10';
/** What the OAuth app asks for: Copilot billing, and reading the organization. */
export const GITHUB_OAUTH_SCOPE = 'manage_billing:copilot read:org';

const SEATS_PER_PAGE = 100;
const MAX_PAGE_NUMBER = 10_000;
const SERVICE_NAME = 'GitHub Copilot';
const CURRENCY = 'USD';
// GitHub refuses a request without a User-Agent.
const USER_AGENT = 'Stax/0.1 (+billing sync)';

/** A GitHub token: classic (`ghp_`), OAuth (`gho_`), or fine-grained (`github_pat_`). */
export const GitHubTokenSchema = z
  .string()
  .regex(/^(?:ghp_|gho_|ghu_|github_pat_)[A-Za-z0-9_-]{8,255}$/, {
    message: 'must be a GitHub token (ghp_…, gho_… or github_pat_…)',
  });

/** A GitHub organization login: letters, digits and inner hyphens, at most 39 characters. */
export const GitHubOrgSchema = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/, {
  message: 'must be a GitHub organization name',
});

/** What a GitHub sync is keyed by: the token and the organization it reads. */
export const GitHubCredentialSchema = z.strictObject({
  token: GitHubTokenSchema,
  org: GitHubOrgSchema,
});
export type GitHubCredential = z.infer<typeof GitHubCredentialSchema>;

/** `GET /orgs/{org}/copilot/billing`: only the seat breakdown is read. */
export const GitHubSeatsSummarySchema = z.object({
  seat_breakdown: z.object({
    total: CountTextSchema,
    active_this_cycle: CountTextSchema,
    inactive_this_cycle: CountTextSchema,
    pending_cancellation: CountTextSchema,
    pending_invitation: CountTextSchema,
  }),
});
export type GitHubSeatsSummary = z.infer<typeof GitHubSeatsSummarySchema>;

// Only what is counted; the assignee (a person) is not read.
const GitHubSeatSchema = z.object({
  pending_cancellation_date: z.iso.date().nullish(),
});

/** A page of `GET /orgs/{org}/copilot/billing/seats`. */
export const GitHubSeatsPageSchema = z.object({
  total_seats: CountTextSchema,
  seats: z.array(GitHubSeatSchema).max(SEATS_PER_PAGE),
});
export type GitHubSeatsPage = z.infer<typeof GitHubSeatsPageSchema>;

const GitHubUsageItemSchema = z.object({
  product: LabelSchema,
  sku: LabelSchema,
  model: LabelSchema.nullish(),
  unitType: LabelSchema.nullish(),
  netQuantity: QuantityTextSchema.nullish(),
  // Dollars after the plan's included credits, as a JSON number: read from its text.
  netAmount: DecimalTextSchema,
});
type GitHubUsageItem = z.infer<typeof GitHubUsageItemSchema>;

/** `GET /organizations/{org}/settings/billing/ai_credit/usage` for one month. */
export const GitHubAiCreditUsageSchema = z.object({
  timePeriod: z.object({
    year: CountTextSchema,
    month: CountTextSchema.refine((month) => month >= 1 && month <= 12),
  }),
  usageItems: z.array(GitHubUsageItemSchema).max(10_000),
});
export type GitHubAiCreditUsage = z.infer<typeof GitHubAiCreditUsageSchema>;

function orgPath(template: string, org: string): string {
  return template.replace('{org}', org);
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function windowHoldsToday(window: DayWindow, now: Date): boolean {
  return window.from <= today(now) && today(now) < window.to;
}

function seatCount(day: string, counts: Partial<SeatCount>): SeatCount {
  return {
    recordKey: `seats|${day}`,
    day,
    totalSeats: 0,
    activeSeats: 0,
    inactiveSeats: 0,
    pendingCancellationSeats: 0,
    pendingInvitationSeats: 0,
    ...counts,
  };
}

/**
 * The summary's share of the day's seat count: activity in the billing cycle and pending
 * invitations, which only GitHub knows. Totals and cancellations come from counting the list.
 */
export function mapGitHubSeatsSummary(summary: GitHubSeatsSummary, now: Date): SyncPage {
  const breakdown = summary.seat_breakdown;
  const seats = seatCount(today(now), {
    activeSeats: breakdown.active_this_cycle,
    inactiveSeats: breakdown.inactive_this_cycle,
    pendingInvitationSeats: breakdown.pending_invitation,
  });
  return { records: { ...emptyRecordSet(), seats: [seats] }, skipped: 0, nextPage: null };
}

/** The page number of the `rel="next"` link, or null when there is no next page. */
export function nextPageOfLink(link: string | null): string | null {
  if (link === null) return null;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="next"\s*$/.exec(part);
    if (!match?.[1]) continue;
    // Only the page number is taken: the link itself is never followed.
    const page = new URL(match[1], 'https://api.github.invalid').searchParams.get('page');
    return page !== null && /^\d{1,5}$/.test(page) && Number(page) <= MAX_PAGE_NUMBER ? page : null;
  }
  return null;
}

/** One page of the seat list, counted: its seats and those pending cancellation. */
export function mapGitHubSeatsPage(page: GitHubSeatsPage, context: PageContext): SyncPage {
  const pending = page.seats.filter((seat) => seat.pending_cancellation_date != null).length;
  const seats = seatCount(today(context.now), {
    totalSeats: page.seats.length,
    pendingCancellationSeats: pending,
  });
  const nextPage = nextPageOfLink(context.link);
  return { records: { ...emptyRecordSet(), seats: [seats] }, skipped: 0, nextPage };
}

interface Month {
  year: number;
  month: number;
}

function monthOfDay(day: string): Month {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

function monthText({ year, month }: Month): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function nextMonth({ year, month }: Month): Month {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

function lastDayOf(window: DayWindow): string {
  return new Date(Date.parse(`${window.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function toCostRecord(month: Month, item: GitHubUsageItem, micros: number): CostRecord {
  const model = item.model ?? null;
  return {
    recordKey: `cost|${monthText(month)}|${item.product}|${item.sku}|${model ?? '-'}`,
    chargePeriodStart: `${monthText(month)}-01T00:00:00Z`,
    chargePeriodEnd: `${monthText(nextMonth(month))}-01T00:00:00Z`,
    chargeCategory: 'usage',
    billedCostMicros: micros,
    currency: CURRENCY,
    serviceName: SERVICE_NAME,
    model,
    chargeDescription: item.sku,
    projectId: null,
    apiKeyId: null,
    consumedQuantity: item.netQuantity ?? null,
    consumedUnit: item.unitType ?? null,
    source: 'reported',
  };
}

/**
 * Maps one month of AI-credit usage to cost records (`netAmount` dollars, scale 6), one per
 * product, SKU and model. The next page is the next month the window touches.
 */
export function mapGitHubAiCreditUsage(
  usage: GitHubAiCreditUsage,
  window: DayWindow,
): Result<SyncPage, PageFailureCode> {
  const month = { year: usage.timePeriod.year, month: usage.timePeriod.month };
  const costs: CostRecord[] = [];
  for (const item of usage.usageItems) {
    const micros = parseMicros(item.netAmount, 6);
    if (micros === null) return fail('unexpected_format', 'an amount is out of range');
    costs.push(toCostRecord(month, item, micros));
  }
  const following = nextMonth(month);
  const lastMonth = monthText(monthOfDay(lastDayOf(window)));
  const nextPage = monthText(following) <= lastMonth ? monthText(following) : null;
  return ok({ records: { ...emptyRecordSet(), costs }, skipped: 0, nextPage });
}

const seatsSummary: SyncSource<GitHubCredential> = {
  name: 'seats summary',
  appliesTo: windowHoldsToday,
  request: (_window, _page, credential) => ({
    path: orgPath(GITHUB_SEATS_SUMMARY_PATH, credential.org),
    query: [],
  }),
  readPage(bodyText, context) {
    const summary = readResponse(GitHubSeatsSummarySchema, bodyText);
    return summary.ok ? ok(mapGitHubSeatsSummary(summary.value, context.now)) : summary;
  },
};

const seatsList: SyncSource<GitHubCredential> = {
  name: 'seats',
  appliesTo: windowHoldsToday,
  request: (_window, page, credential) => ({
    path: orgPath(GITHUB_SEATS_PATH, credential.org),
    query: [
      ['per_page', String(SEATS_PER_PAGE)],
      ['page', page ?? '1'],
    ],
  }),
  readPage(bodyText, context) {
    const page = readResponse(GitHubSeatsPageSchema, bodyText);
    return page.ok ? ok(mapGitHubSeatsPage(page.value, context)) : page;
  },
};

const aiCreditUsage: SyncSource<GitHubCredential> = {
  name: 'ai credit usage',
  request: (window, page, credential) => {
    const month = page ?? monthText(monthOfDay(window.from));
    return {
      path: orgPath(GITHUB_AI_CREDIT_USAGE_PATH, credential.org),
      query: [
        ['year', month.slice(0, 4)],
        ['month', String(Number(month.slice(5, 7)))],
      ],
    };
  },
  readPage(bodyText, context) {
    const usage = readResponse(GitHubAiCreditUsageSchema, bodyText);
    return usage.ok ? mapGitHubAiCreditUsage(usage.value, context.window) : usage;
  },
};

/** The headers of every GitHub REST call. */
export function gitHubHeaders(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': GITHUB_API_VERSION,
    'user-agent': USER_AGENT,
  };
}

/**
 * GitHub Copilot, keyed by a token (pasted, or from the OAuth flow) and the organization named
 * in the connection's settings: seat counts of today, and AI-credit spend by model and month.
 */
export const gitHubAdapter = {
  provider: 'github',
  displayName: 'GitHub',
  credentialName: 'token',
  credentialOf: (secret, settings) => ({ token: secret, org: settings?.org }),
  credentialFormat: GitHubCredentialSchema,
  authHeaders: (credential: GitHubCredential) => gitHubHeaders(credential.token),
  sources: [aiCreditUsage, seatsSummary, seatsList],
  combine: sumRecordsByKey,
  checkRequest: (_now: Date, credential: GitHubCredential) => ({
    path: orgPath(GITHUB_SEATS_SUMMARY_PATH, credential.org),
    query: [],
  }),
} satisfies ProviderAdapter<GitHubCredential>;
