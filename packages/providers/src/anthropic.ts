import { z } from 'zod';
import { fail, ok, type CostRecord, type Result, type UsageRecord } from '@stax/contracts';
import { parseMicros } from '@stax/money';
import type { BillingReport, PageFailureCode, ReportAdapter, ReportPage } from './adapter';
import { costSource, usageSource } from './adapter';
import { CountTextSchema, DecimalTextSchema } from './number-text';
import { keyPart, LabelSchema, pageSchema } from './paging';
import { nextPageOf, readResponse } from './read-page';
import { dayOfInstant, instantOfDay, isoSeconds, yesterday, type DayWindow } from './time';

/** The Anthropic Admin API paths Stax reads. */
export const ANTHROPIC_COST_REPORT_PATH = '/v1/organizations/cost_report';
export const ANTHROPIC_MESSAGES_USAGE_PATH = '/v1/organizations/usage_report/messages';

/** The API version every request names. */
export const ANTHROPIC_VERSION = '2023-06-01';
// Anthropic asks integrations to say who they are.
const USER_AGENT = 'Stax/0.1 (+billing sync)';
const BUCKETS_PER_PAGE = '31';
const SERVICE_NAME = 'Anthropic API';
const UNATTRIBUTED_MODEL = 'unspecified';

/** An Anthropic admin key: `sk-ant-admin01-` and 8 to 200 URL-safe characters. */
export const AnthropicAdminKeySchema = z.string().regex(/^sk-ant-admin01-[A-Za-z0-9_-]{8,200}$/, {
  message: 'must be an Anthropic admin key (sk-ant-admin01-…)',
});

const AnthropicCostResultSchema = z.object({
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  // Cents, as decimal text: "41280.500000" is $412.805.
  amount: DecimalTextSchema,
  workspace_id: LabelSchema.nullish(),
  description: LabelSchema.nullish(),
  model: LabelSchema.nullish(),
});
type AnthropicCostResult = z.infer<typeof AnthropicCostResultSchema>;

const AnthropicUsageResultSchema = z.object({
  model: LabelSchema.nullish(),
  workspace_id: LabelSchema.nullish(),
  api_key_id: LabelSchema.nullish(),
  uncached_input_tokens: CountTextSchema,
  cache_read_input_tokens: CountTextSchema,
  // Nested by cache lifetime; there is no flat cache_creation_input_tokens in this report.
  cache_creation: z.object({
    ephemeral_5m_input_tokens: CountTextSchema,
    ephemeral_1h_input_tokens: CountTextSchema,
  }),
  output_tokens: CountTextSchema,
});
type AnthropicUsageResult = z.infer<typeof AnthropicUsageResultSchema>;

function bucketSchema<R extends z.ZodType>(result: R) {
  return z.object({
    starting_at: z.iso.datetime({ offset: true }),
    ending_at: z.iso.datetime({ offset: true }),
    results: z.array(result),
  });
}

/** A page of `GET /v1/organizations/cost_report`, numbers as exact text. */
export const AnthropicCostPageSchema = pageSchema(bucketSchema(AnthropicCostResultSchema));
export type AnthropicCostPage = z.infer<typeof AnthropicCostPageSchema>;

/** A page of `GET /v1/organizations/usage_report/messages`, numbers as exact text. */
export const AnthropicUsagePageSchema = pageSchema(bucketSchema(AnthropicUsageResultSchema));
export type AnthropicUsagePage = z.infer<typeof AnthropicUsagePageSchema>;

interface BucketPeriod {
  day: string;
  chargePeriodStart: string;
  chargePeriodEnd: string;
}

function periodOf(bucket: { starting_at: string; ending_at: string }): BucketPeriod {
  const chargePeriodStart = isoSeconds(new Date(bucket.starting_at));
  const chargePeriodEnd = isoSeconds(new Date(bucket.ending_at));
  return { day: dayOfInstant(chargePeriodStart), chargePeriodStart, chargePeriodEnd };
}

function windowQuery(window: DayWindow): Array<[string, string]> {
  return [
    ['starting_at', instantOfDay(window.from)],
    ['ending_at', instantOfDay(window.to)],
    ['bucket_width', '1d'],
  ];
}

function pagingQuery(page: string | null): Array<[string, string]> {
  return page === null
    ? [['limit', BUCKETS_PER_PAGE]]
    : [
        ['limit', BUCKETS_PER_PAGE],
        ['page', page],
      ];
}

function toCostRecord(period: BucketPeriod, result: AnthropicCostResult): CostRecord | null {
  const billedCostMicros = parseMicros(result.amount, 4);
  if (billedCostMicros === null) return null;
  const workspaceId = result.workspace_id ?? null;
  const description = result.description ?? null;
  return {
    recordKey: `cost|${period.day}|${keyPart(workspaceId)}|${keyPart(description)}`,
    chargePeriodStart: period.chargePeriodStart,
    chargePeriodEnd: period.chargePeriodEnd,
    chargeCategory: 'usage',
    billedCostMicros,
    currency: result.currency.toUpperCase(),
    serviceName: SERVICE_NAME,
    model: result.model ?? null,
    chargeDescription: description,
    projectId: workspaceId,
    apiKeyId: null,
    consumedQuantity: null,
    consumedUnit: null,
    source: 'reported',
  };
}

/** Maps a checked cost report page to cost records (amounts are cents: scale 4 to micros). */
export function mapAnthropicCostPage(
  page: AnthropicCostPage,
): Result<ReportPage<CostRecord>, PageFailureCode> {
  const records: CostRecord[] = [];
  for (const bucket of page.data) {
    const period = periodOf(bucket);
    for (const result of bucket.results) {
      const record = toCostRecord(period, result);
      if (record === null) return fail('unexpected_format', 'an amount is out of range');
      records.push(record);
    }
  }
  return ok({ records, skipped: 0, nextPage: nextPageOf(page) });
}

function toUsageRecord(period: BucketPeriod, result: AnthropicUsageResult): UsageRecord {
  const model = result.model ?? UNATTRIBUTED_MODEL;
  const workspaceId = result.workspace_id ?? null;
  const cacheWriteTokens =
    result.cache_creation.ephemeral_5m_input_tokens +
    result.cache_creation.ephemeral_1h_input_tokens;
  return {
    recordKey: `usage|${period.day}|${model}|${keyPart(workspaceId)}`,
    chargePeriodStart: period.chargePeriodStart,
    chargePeriodEnd: period.chargePeriodEnd,
    model,
    projectId: workspaceId,
    apiKeyId: result.api_key_id ?? null,
    // Every input token, however it was billed: fresh, read from cache, or written to it.
    inputTokens: result.uncached_input_tokens + result.cache_read_input_tokens + cacheWriteTokens,
    cachedInputTokens: result.cache_read_input_tokens,
    cacheWriteTokens,
    outputTokens: result.output_tokens,
    // The legacy usage report does not count requests.
    requests: null,
  };
}

/** Maps a checked messages usage page to usage records. */
export function mapAnthropicUsagePage(page: AnthropicUsagePage): ReportPage<UsageRecord> {
  const records = page.data.flatMap((bucket) => {
    const period = periodOf(bucket);
    return bucket.results.map((result) => toUsageRecord(period, result));
  });
  return { records, skipped: 0, nextPage: nextPageOf(page) };
}

const costs: BillingReport<CostRecord> = {
  request: (window, page) => ({
    path: ANTHROPIC_COST_REPORT_PATH,
    query: [
      ...windowQuery(window),
      ['group_by[]', 'workspace_id'],
      ['group_by[]', 'description'],
      ...pagingQuery(page),
    ],
  }),
  readPage(bodyText) {
    const page = readResponse(AnthropicCostPageSchema, bodyText);
    return page.ok ? mapAnthropicCostPage(page.value) : page;
  },
};

const usage: BillingReport<UsageRecord> = {
  request: (window, page) => ({
    path: ANTHROPIC_MESSAGES_USAGE_PATH,
    query: [
      ...windowQuery(window),
      ['group_by[]', 'model'],
      ['group_by[]', 'workspace_id'],
      ...pagingQuery(page),
    ],
  }),
  readPage(bodyText) {
    const page = readResponse(AnthropicUsagePageSchema, bodyText);
    return page.ok ? ok(mapAnthropicUsagePage(page.value)) : page;
  },
};

/** Anthropic's Admin API: the cost report and the messages usage report, keyed by admin key. */
export const anthropicAdapter = {
  provider: 'anthropic',
  displayName: 'Anthropic',
  credentialFormat: AnthropicAdminKeySchema,
  authHeaders: (adminKey) => ({
    'x-api-key': adminKey,
    'anthropic-version': ANTHROPIC_VERSION,
    'user-agent': USER_AGENT,
  }),
  costs,
  usage,
  sources: [costSource(costs), usageSource(usage)],
  checkRequest: (now) => ({
    path: ANTHROPIC_COST_REPORT_PATH,
    query: [
      ['starting_at', instantOfDay(yesterday(now))],
      ['limit', '1'],
    ],
  }),
} satisfies ReportAdapter;
