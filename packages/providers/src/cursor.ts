import { z } from 'zod';
import { fail, ok, type CostRecord, type Result, type UsageRecord } from '@stax/contracts';
import { parseMicros } from '@stax/money';
import {
  emptyRecordSet,
  type PageContext,
  type PageFailureCode,
  type ProviderAdapter,
  type SyncPage,
  type SyncSource,
} from './adapter';
import { CountTextSchema, DecimalTextSchema } from './number-text';
import { LabelSchema } from './paging';
import { readResponse } from './read-page';
import { sumRecordsByKey } from './record-sums';
import { isoSeconds, unixSecondsOfDay, type DayWindow } from './time';

/** The Cursor Admin API paths Stax reads. Both are POSTs whose JSON body only filters. */
export const CURSOR_USAGE_EVENTS_PATH = '/teams/filtered-usage-events';
export const CURSOR_SPEND_PATH = '/teams/spend';

/** Cursor allows 20 calls a minute per team: one every three seconds at most. */
export const CURSOR_MIN_REQUEST_INTERVAL_MS = 3_000;

// The API's default page is 10 events; a larger page keeps a sync within the minute's budget.
const EVENTS_PER_PAGE = 100;
const MEMBERS_PER_PAGE = 100;
const MAX_PAGE_NUMBER = 100_000;
const MILLIS_PER_SECOND = 1000;
const MILLIS_PER_DAY = 86_400_000;
const SERVICE_NAME = 'Cursor';
const CURRENCY = 'USD';
// An event without a kind: the API calls it free text, and it may be missing.
const UNSPECIFIED_KIND = 'unspecified';

/** A Cursor Admin API key: `key_` and 64 hexadecimal characters. */
export const CursorAdminKeySchema = z.string().regex(/^key_[0-9a-fA-F]{64}$/, {
  message: 'must be a Cursor Admin API key (key_ and 64 hex characters)',
});

const PageNumberTextSchema = CountTextSchema.refine((page) => page <= MAX_PAGE_NUMBER);
// Epoch milliseconds, sent as a string by the events report and as a number elsewhere.
const EpochMillisTextSchema = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

const CursorTokenUsageSchema = z.object({
  inputTokens: CountTextSchema.optional(),
  outputTokens: CountTextSchema.optional(),
  cacheWriteTokens: CountTextSchema.optional(),
  cacheReadTokens: CountTextSchema.optional(),
  // Float cents with binary noise (`7.419999999999999`): rounded once, per event, at ingest.
  totalCents: DecimalTextSchema,
});

const CursorUsageEventSchema = z.object({
  timestamp: EpochMillisTextSchema,
  model: LabelSchema,
  kind: LabelSchema.nullish(),
  isTokenBasedCall: z.boolean().optional(),
  // Absent when the event is priced per request rather than by tokens.
  tokenUsage: CursorTokenUsageSchema.nullish(),
});
type CursorUsageEvent = z.infer<typeof CursorUsageEventSchema>;

/** A page of `POST /teams/filtered-usage-events`, numbers as exact text. */
export const CursorUsageEventsPageSchema = z.object({
  totalUsageEventsCount: CountTextSchema.optional(),
  pagination: z.object({
    numPages: CountTextSchema,
    currentPage: PageNumberTextSchema,
    pageSize: CountTextSchema,
    hasNextPage: z.boolean(),
  }),
  usageEvents: z.array(CursorUsageEventSchema).max(1000),
});
export type CursorUsageEventsPage = z.infer<typeof CursorUsageEventsPageSchema>;

/** A page of `POST /teams/spend`: only the cents and the cycle; members' names are not read. */
export const CursorSpendPageSchema = z.object({
  teamMemberSpend: z.array(z.object({ spendCents: DecimalTextSchema })).max(1000),
  subscriptionCycleStart: EpochMillisTextSchema,
  totalPages: CountTextSchema,
});
export type CursorSpendPage = z.infer<typeof CursorSpendPageSchema>;

function pageNumber(page: string | null): number {
  return page === null ? 1 : Number(page);
}

function dayOfMillis(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

function dayPeriod(day: string): { chargePeriodStart: string; chargePeriodEnd: string } {
  const start = unixSecondsOfDay(day) * MILLIS_PER_SECOND;
  return {
    chargePeriodStart: isoSeconds(new Date(start)),
    chargePeriodEnd: isoSeconds(new Date(start + MILLIS_PER_DAY)),
  };
}

function eventCost(day: string, event: CursorUsageEvent, micros: number): CostRecord {
  const kind = event.kind ?? UNSPECIFIED_KIND;
  return {
    recordKey: `cost|${day}|${event.model}|${kind}`,
    ...dayPeriod(day),
    chargeCategory: 'usage',
    billedCostMicros: micros,
    currency: CURRENCY,
    serviceName: SERVICE_NAME,
    model: event.model,
    chargeDescription: kind,
    projectId: null,
    apiKeyId: null,
    consumedQuantity: 1,
    consumedUnit: 'requests',
    // Stax adds the events up; Cursor reports each one.
    source: 'computed',
  };
}

function eventUsage(day: string, event: CursorUsageEvent): UsageRecord {
  const tokens = event.tokenUsage;
  const cachedInputTokens = tokens?.cacheReadTokens ?? 0;
  const cacheWriteTokens = tokens?.cacheWriteTokens ?? 0;
  return {
    recordKey: `usage|${day}|${event.model}`,
    ...dayPeriod(day),
    model: event.model,
    projectId: null,
    apiKeyId: null,
    // Every input token, however it was billed: fresh, read from cache, or written to it.
    inputTokens: (tokens?.inputTokens ?? 0) + cachedInputTokens + cacheWriteTokens,
    cachedInputTokens,
    cacheWriteTokens,
    outputTokens: tokens?.outputTokens ?? 0,
    requests: 1,
  };
}

/**
 * Maps a checked events page to per-day records, summed within the page. Only days inside the
 * window are kept: a day's total replaces the stored one, so it must come from every event.
 */
export function mapCursorEventsPage(
  page: CursorUsageEventsPage,
  window: DayWindow,
): Result<SyncPage, PageFailureCode> {
  const records = emptyRecordSet();
  let skipped = 0;
  for (const event of page.usageEvents) {
    const day = dayOfMillis(event.timestamp);
    if (day < window.from || day >= window.to) {
      skipped += 1;
      continue;
    }
    const micros = event.tokenUsage ? parseMicros(event.tokenUsage.totalCents, 4) : 0;
    if (micros === null) return fail('unexpected_format', 'an amount is out of range');
    records.costs.push(eventCost(day, event, micros));
    records.usage.push(eventUsage(day, event));
  }
  const nextPage = page.pagination.hasNextPage ? String(page.pagination.currentPage + 1) : null;
  return ok({ records: sumRecordsByKey(records), skipped, nextPage });
}

/** Maps a checked spend page to its share of the cycle-to-date total (kept, never spent). */
export function mapCursorSpendPage(
  page: CursorSpendPage,
  context: PageContext,
): Result<SyncPage, PageFailureCode> {
  let amountMicros = 0;
  for (const member of page.teamMemberSpend) {
    const micros = parseMicros(member.spendCents, 4);
    if (micros === null) return fail('unexpected_format', 'an amount is out of range');
    amountMicros += micros;
  }
  const periodStart = isoSeconds(new Date(page.subscriptionCycleStart));
  const total = {
    recordKey: `cycle-spend|${periodStart}`,
    periodStart,
    asOf: isoSeconds(context.now),
    amountMicros,
    currency: CURRENCY,
    description: 'Cursor cycle-to-date spend of every member (to reconcile against)',
  };
  const current = pageNumber(context.page);
  const nextPage = current < page.totalPages ? String(current + 1) : null;
  return ok({ records: { ...emptyRecordSet(), totals: [total] }, skipped: 0, nextPage });
}

function windowHoldsToday(window: DayWindow, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return window.from <= today && today < window.to;
}

const usageEvents: SyncSource = {
  name: 'usage events',
  request: (window, page) => ({
    method: 'POST',
    path: CURSOR_USAGE_EVENTS_PATH,
    query: [],
    body: {
      startDate: unixSecondsOfDay(window.from) * MILLIS_PER_SECOND,
      // The end is inclusive at Cursor: stop a millisecond before the window's end.
      endDate: unixSecondsOfDay(window.to) * MILLIS_PER_SECOND - 1,
      page: pageNumber(page),
      pageSize: EVENTS_PER_PAGE,
    },
  }),
  readPage(bodyText, context) {
    const page = readResponse(CursorUsageEventsPageSchema, bodyText);
    return page.ok ? mapCursorEventsPage(page.value, context.window) : page;
  },
};

// The cycle-to-date total is of now: read it only by the sync whose window holds today.
const cycleSpend: SyncSource = {
  name: 'cycle spend',
  appliesTo: windowHoldsToday,
  request: (_window, page) => ({
    method: 'POST',
    path: CURSOR_SPEND_PATH,
    query: [],
    body: { page: pageNumber(page), pageSize: MEMBERS_PER_PAGE },
  }),
  readPage(bodyText, context) {
    const page = readResponse(CursorSpendPageSchema, bodyText);
    return page.ok ? mapCursorSpendPage(page.value, context) : page;
  },
};

/**
 * Cursor's Admin API, keyed by an Admin API key with Basic auth: daily spend and tokens by model
 * from every page of the usage events, and the cycle-to-date spend kept to reconcile against.
 */
export const cursorAdapter = {
  provider: 'cursor',
  displayName: 'Cursor',
  credentialName: 'Admin API key',
  credentialFormat: CursorAdminKeySchema,
  // The key is the user name; the password is empty.
  authHeaders: (adminKey: string) => ({ authorization: `Basic ${btoa(`${adminKey}:`)}` }),
  sources: [usageEvents, cycleSpend],
  combine: sumRecordsByKey,
  checkRequest: () => ({
    method: 'POST',
    path: CURSOR_SPEND_PATH,
    query: [],
    body: { page: 1, pageSize: 1 },
  }),
  minRequestIntervalMs: CURSOR_MIN_REQUEST_INTERVAL_MS,
} satisfies ProviderAdapter;
