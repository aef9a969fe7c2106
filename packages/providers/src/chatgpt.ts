import { z } from 'zod';
import { fail, ok, type CostRecord, type Result, type UsageRecord } from '@stax/contracts';
import { parseMicros } from '@stax/money';
import type { QueryParams } from './adapter';
import { CountTextSchema, DecimalTextSchema, UnixSecondsTextSchema } from './number-text';
import { nextPageOf, readResponse } from './read-page';
import { dayOfInstant, instantOfUnixSeconds, unixSecondsOfDay, yesterday } from './time';
import type { DayWindow } from './time';

/**
 * ChatGPT Enterprise's Codex Analytics usage report (`https://api.chatgpt.com`). The path and
 * parameters are documented; the field names of its rows are inferred from integrators, not from
 * a published reference (the reference is behind a login), so a change there fails the sync.
 */
export const CHATGPT_CODEX_USAGE_PATH = '/v1/analytics/codex/workspaces/{workspace}/usage';

const ROWS_PER_PAGE = '31';
const MAX_ROWS_PER_PAGE = 100;
const MAX_CURSOR_LENGTH = 2048;
const SERVICE_NAME = 'ChatGPT Enterprise (Codex)';
// Rows carry no model: the credits are spent by Codex as a whole.
const CODEX_MODEL = 'codex';
const MICROS_PER_UNIT = 1_000_000n;

/** An analytics key of a ChatGPT Enterprise workspace: no documented prefix, so only its shape. */
export const ChatGptAnalyticsKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, {
  message: 'must be a ChatGPT workspace admin key (letters, digits, - and _)',
});

/**
 * Which workspace to read and, if the customer knows it from the contract, what one credit
 * costs. Without a price Stax records credits, and a cost of zero it says it computed.
 */
export const ChatGptSettingsSchema = z
  .strictObject({
    workspaceId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { message: 'must be a workspace id' }),
    creditPrice: z
      .string()
      .regex(/^\d{1,9}(\.\d{1,9})?$/, { message: 'must be a price per credit like 0.04' })
      .optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'must be an ISO currency code' })
      .optional(),
  })
  .refine(
    (settings) => (settings.creditPrice === undefined) === (settings.currency === undefined),
    {
      message: 'creditPrice and currency go together',
      path: ['currency'],
    },
  );
export type ChatGptSettings = z.infer<typeof ChatGptSettingsSchema>;

const CodexUsageRowSchema = z.object({
  start_time: UnixSecondsTextSchema,
  end_time: UnixSecondsTextSchema,
  credits: DecimalTextSchema,
  input_tokens: CountTextSchema,
  cached_input_tokens: CountTextSchema,
  output_tokens: CountTextSchema,
  turns: CountTextSchema.optional(),
});
type CodexUsageRow = z.infer<typeof CodexUsageRowSchema>;

/** A page of Codex usage, numbers as exact text; per-user fields are not read, never kept. */
export const CodexUsagePageSchema = z
  .object({
    data: z.array(CodexUsageRowSchema).max(MAX_ROWS_PER_PAGE),
    has_more: z.boolean(),
    next_page: z.string().min(1).max(MAX_CURSOR_LENGTH).nullish(),
  })
  .refine((page) => !page.has_more || typeof page.next_page === 'string', {
    message: 'has_more is true but next_page is missing',
    path: ['next_page'],
  });

/** The path of a workspace's usage report. */
export function codexUsagePath(workspaceId: string): string {
  return `/v1/analytics/codex/workspaces/${workspaceId}/usage`;
}

/** One page of daily, workspace-wide usage over a window. */
export function codexUsageRequest(window: DayWindow, page: string | null): QueryParams {
  const query: Array<[string, string]> = [
    ['start_time', String(unixSecondsOfDay(window.from))],
    ['end_time', String(unixSecondsOfDay(window.to))],
    ['group_by', 'day'],
    ['group', 'workspace'],
    ['limit', ROWS_PER_PAGE],
  ];
  if (page !== null) query.push(['page', page]);
  return query;
}

/** The one narrow read that checks a key: yesterday's usage, one row. */
export function codexCheckRequest(now: Date): QueryParams {
  const day = yesterday(now);
  return [
    ['start_time', String(unixSecondsOfDay(day))],
    ['limit', '1'],
  ];
}

/** What a day of Codex used, summed over rows (a report grouped by user has many a day). */
export interface CodexDay {
  day: string;
  chargePeriodStart: string;
  chargePeriodEnd: string;
  /** Credits in millionths, exact. */
  microCredits: bigint;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

/** Reads a page into its rows and the cursor of the next page. */
export function readCodexUsagePage(
  bodyText: string,
): Result<{ rows: CodexUsageRow[]; nextPage: string | null }, 'unexpected_format'> {
  const page = readResponse(CodexUsagePageSchema, bodyText);
  if (!page.ok) return page;
  return ok({ rows: page.value.data, nextPage: nextPageOf(page.value) });
}

/** Adds rows into per-day totals; credits are summed exactly, in millionths. */
export function addCodexRows(
  days: Map<string, CodexDay>,
  rows: readonly CodexUsageRow[],
): Result<null, 'unexpected_format'> {
  for (const row of rows) {
    const microCredits = parseMicros(row.credits, 6);
    if (microCredits === null || microCredits < 0) {
      return fail('unexpected_format', 'data.credits: out of range');
    }
    const chargePeriodStart = instantOfUnixSeconds(row.start_time);
    const day = dayOfInstant(chargePeriodStart);
    const sum = days.get(day) ?? {
      day,
      chargePeriodStart,
      chargePeriodEnd: instantOfUnixSeconds(row.end_time),
      microCredits: 0n,
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
    };
    sum.microCredits += BigInt(microCredits);
    sum.inputTokens += row.input_tokens;
    sum.cachedInputTokens += row.cached_input_tokens;
    sum.outputTokens += row.output_tokens;
    days.set(day, sum);
  }
  return ok(null);
}

function halfEven(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const twiceRemainder = (dividend % divisor) * 2n;
  if (twiceRemainder > divisor) return quotient + 1n;
  if (twiceRemainder < divisor) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** Credits × price per credit, in micro-units, rounded half to even once. */
export function creditCostMicros(microCredits: bigint, creditPrice: string): number | null {
  const priceMicros = parseMicros(creditPrice, 6);
  if (priceMicros === null) return null;
  const micros = halfEven(microCredits * BigInt(priceMicros), MICROS_PER_UNIT);
  return micros <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(micros) : null;
}

/**
 * A day of Codex as a cost record (credits as consumed quantity; money only from a configured
 * price, `computed`; else zero, also `computed`) and a usage record of its tokens.
 */
export function codexDayRecords(
  sum: CodexDay,
  settings: ChatGptSettings,
): Result<{ cost: CostRecord; usage: UsageRecord }, 'unexpected_format'> {
  const priced = settings.creditPrice !== undefined && settings.currency !== undefined;
  const billedCostMicros = priced
    ? creditCostMicros(sum.microCredits, settings.creditPrice ?? '')
    : 0;
  if (billedCostMicros === null) return fail('unexpected_format', 'credits × price is too large');
  const period = { chargePeriodStart: sum.chargePeriodStart, chargePeriodEnd: sum.chargePeriodEnd };
  const cost: CostRecord = {
    recordKey: `cost|${sum.day}|${settings.workspaceId}|codex-credits`,
    ...period,
    chargeCategory: 'usage',
    billedCostMicros,
    currency: settings.currency ?? 'USD',
    serviceName: SERVICE_NAME,
    model: CODEX_MODEL,
    chargeDescription: priced
      ? `Codex credits at ${settings.creditPrice} ${settings.currency} each`
      : 'Codex credits (no price per credit configured: cost not known)',
    projectId: settings.workspaceId,
    apiKeyId: null,
    consumedQuantity: Number(sum.microCredits) / Number(MICROS_PER_UNIT),
    consumedUnit: 'credits',
    source: 'computed',
  };
  const usage: UsageRecord = {
    recordKey: `usage|${sum.day}|${CODEX_MODEL}|${settings.workspaceId}`,
    ...period,
    model: CODEX_MODEL,
    projectId: settings.workspaceId,
    apiKeyId: null,
    inputTokens: sum.inputTokens,
    cachedInputTokens: sum.cachedInputTokens,
    cacheWriteTokens: 0,
    outputTokens: sum.outputTokens,
    // Turns are agent steps, not model requests: the report does not count requests.
    requests: null,
  };
  return ok({ cost, usage });
}
