import { z } from 'zod';
import { fail, ok, type CostRecord, type Result, type UsageRecord } from '@stax/contracts';
import { parseMicros } from '@stax/money';
import type { BillingReport, PageFailureCode, ReportAdapter, ReportPage } from './adapter';
import { costSource, usageSource } from './adapter';
import {
  CountTextSchema,
  DecimalTextSchema,
  QuantityTextSchema,
  UnixSecondsTextSchema,
} from './number-text';
import { keyPart, LabelSchema, pageSchema } from './paging';
import { nextPageOf, readResponse } from './read-page';
import {
  dayOfInstant,
  instantOfUnixSeconds,
  unixSecondsOfDay,
  yesterday,
  type DayWindow,
} from './time';

/** The OpenAI Admin API paths Stax reads. */
export const OPENAI_COSTS_PATH = '/v1/organization/costs';
export const OPENAI_COMPLETIONS_USAGE_PATH = '/v1/organization/usage/completions';

const BUCKETS_PER_PAGE = '31';
const SERVICE_NAME = 'OpenAI API';
const DEFAULT_CURRENCY = 'USD';
// The model of a cost line is what precedes its last ", ": `gpt-5-mini, cached input`.
const LINE_ITEM_DETAIL_SEPARATOR = ', ';
// A usage result the API did not attribute to a model (it should not happen: we group by model).
const UNATTRIBUTED_MODEL = 'unspecified';

/** An OpenAI admin key: `sk-admin-` and 8 to 200 URL-safe characters. */
export const OpenAiAdminKeySchema = z.string().regex(/^sk-admin-[A-Za-z0-9_-]{8,200}$/, {
  message: 'must be an OpenAI admin key (sk-admin-…)',
});

const OpenAiAmountSchema = z.object({
  value: DecimalTextSchema.nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish(),
});

const OpenAiCostResultSchema = z.object({
  object: z.literal('organization.costs.result').optional(),
  amount: OpenAiAmountSchema.nullish(),
  line_item: LabelSchema.nullish(),
  project_id: LabelSchema.nullish(),
  api_key_id: LabelSchema.nullish(),
  quantity: QuantityTextSchema.nullish(),
  quantity_unit: LabelSchema.nullish(),
});
type OpenAiCostResult = z.infer<typeof OpenAiCostResultSchema>;

const OpenAiUsageResultSchema = z.object({
  object: z.literal('organization.usage.completions.result').optional(),
  model: LabelSchema.nullish(),
  project_id: LabelSchema.nullish(),
  api_key_id: LabelSchema.nullish(),
  input_tokens: CountTextSchema,
  input_cached_tokens: CountTextSchema.nullish(),
  input_cache_write_tokens: CountTextSchema.nullish(),
  output_tokens: CountTextSchema,
  num_model_requests: CountTextSchema,
});
type OpenAiUsageResult = z.infer<typeof OpenAiUsageResultSchema>;

function bucketSchema<R extends z.ZodType>(result: R) {
  return z.object({
    object: z.literal('bucket').optional(),
    start_time: UnixSecondsTextSchema,
    end_time: UnixSecondsTextSchema,
    results: z.array(result),
  });
}

/** A page of `GET /v1/organization/costs`, numbers as exact text. */
export const OpenAiCostPageSchema = pageSchema(bucketSchema(OpenAiCostResultSchema));
export type OpenAiCostPage = z.infer<typeof OpenAiCostPageSchema>;

/** A page of `GET /v1/organization/usage/completions`, numbers as exact text. */
export const OpenAiUsagePageSchema = pageSchema(bucketSchema(OpenAiUsageResultSchema));
export type OpenAiUsagePage = z.infer<typeof OpenAiUsagePageSchema>;

interface BucketPeriod {
  day: string;
  chargePeriodStart: string;
  chargePeriodEnd: string;
}

function periodOf(bucket: { start_time: number; end_time: number }): BucketPeriod {
  const chargePeriodStart = instantOfUnixSeconds(bucket.start_time);
  const chargePeriodEnd = instantOfUnixSeconds(bucket.end_time);
  return { day: dayOfInstant(chargePeriodStart), chargePeriodStart, chargePeriodEnd };
}

function windowQuery(window: DayWindow): Array<[string, string]> {
  return [
    ['start_time', String(unixSecondsOfDay(window.from))],
    ['end_time', String(unixSecondsOfDay(window.to))],
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

/** The model a cost line item names: `gpt-5-mini, cached input` → `gpt-5-mini`. */
export function modelOfLineItem(lineItem: string): string {
  const separator = lineItem.lastIndexOf(LINE_ITEM_DETAIL_SEPARATOR);
  return separator === -1 ? lineItem : lineItem.slice(0, separator);
}

type CostMapping = { kind: 'record'; record: CostRecord } | { kind: 'skipped' } | { kind: 'bad' };

function toCostRecord(period: BucketPeriod, result: OpenAiCostResult): CostMapping {
  const amountText = result.amount?.value;
  if (amountText === null || amountText === undefined) return { kind: 'skipped' };
  const billedCostMicros = parseMicros(amountText, 6);
  if (billedCostMicros === null) return { kind: 'bad' };
  const lineItem = result.line_item ?? null;
  const projectId = result.project_id ?? null;
  const record: CostRecord = {
    recordKey: `cost|${period.day}|${keyPart(projectId)}|${keyPart(lineItem)}`,
    chargePeriodStart: period.chargePeriodStart,
    chargePeriodEnd: period.chargePeriodEnd,
    chargeCategory: 'usage',
    billedCostMicros,
    currency: result.amount?.currency?.toUpperCase() ?? DEFAULT_CURRENCY,
    serviceName: SERVICE_NAME,
    model: lineItem === null ? null : modelOfLineItem(lineItem),
    chargeDescription: lineItem,
    projectId,
    apiKeyId: result.api_key_id ?? null,
    consumedQuantity: result.quantity ?? null,
    consumedUnit: result.quantity_unit ?? null,
    source: 'reported',
  };
  return { kind: 'record', record };
}

/** Maps a checked costs page to cost records; results without an amount are counted, not kept. */
export function mapOpenAiCostPage(
  page: OpenAiCostPage,
): Result<ReportPage<CostRecord>, PageFailureCode> {
  const records: CostRecord[] = [];
  let skipped = 0;
  for (const bucket of page.data) {
    const period = periodOf(bucket);
    for (const result of bucket.results) {
      const mapped = toCostRecord(period, result);
      if (mapped.kind === 'bad') return fail('unexpected_format', 'an amount is out of range');
      if (mapped.kind === 'skipped') skipped += 1;
      else records.push(mapped.record);
    }
  }
  return ok({ records, skipped, nextPage: nextPageOf(page) });
}

function toUsageRecord(period: BucketPeriod, result: OpenAiUsageResult): UsageRecord {
  const model = result.model ?? UNATTRIBUTED_MODEL;
  const projectId = result.project_id ?? null;
  return {
    recordKey: `usage|${period.day}|${model}|${keyPart(projectId)}`,
    chargePeriodStart: period.chargePeriodStart,
    chargePeriodEnd: period.chargePeriodEnd,
    model,
    projectId,
    apiKeyId: result.api_key_id ?? null,
    inputTokens: result.input_tokens,
    cachedInputTokens: result.input_cached_tokens ?? 0,
    cacheWriteTokens: result.input_cache_write_tokens ?? 0,
    outputTokens: result.output_tokens,
    requests: result.num_model_requests,
  };
}

/** Maps a checked completions usage page to usage records. */
export function mapOpenAiUsagePage(page: OpenAiUsagePage): ReportPage<UsageRecord> {
  const records = page.data.flatMap((bucket) => {
    const period = periodOf(bucket);
    return bucket.results.map((result) => toUsageRecord(period, result));
  });
  return { records, skipped: 0, nextPage: nextPageOf(page) };
}

const costs: BillingReport<CostRecord> = {
  request: (window, page) => ({
    path: OPENAI_COSTS_PATH,
    query: [
      ...windowQuery(window),
      ['group_by', 'line_item'],
      ['group_by', 'project_id'],
      ...pagingQuery(page),
    ],
  }),
  readPage(bodyText) {
    const page = readResponse(OpenAiCostPageSchema, bodyText);
    return page.ok ? mapOpenAiCostPage(page.value) : page;
  },
};

const usage: BillingReport<UsageRecord> = {
  request: (window, page) => ({
    path: OPENAI_COMPLETIONS_USAGE_PATH,
    query: [
      ...windowQuery(window),
      ['group_by', 'model'],
      ['group_by', 'project_id'],
      ...pagingQuery(page),
    ],
  }),
  readPage(bodyText) {
    const page = readResponse(OpenAiUsagePageSchema, bodyText);
    return page.ok ? ok(mapOpenAiUsagePage(page.value)) : page;
  },
};

/** OpenAI's Admin API: organization costs and completions usage, keyed by admin key. */
export const openAiAdapter = {
  provider: 'openai',
  displayName: 'OpenAI',
  credentialFormat: OpenAiAdminKeySchema,
  authHeaders: (adminKey) => ({ authorization: `Bearer ${adminKey}` }),
  costs,
  usage,
  sources: [costSource(costs), usageSource(usage)],
  checkRequest: (now) => ({
    path: OPENAI_COSTS_PATH,
    query: [
      ['start_time', String(unixSecondsOfDay(yesterday(now)))],
      ['limit', '1'],
    ],
  }),
} satisfies ReportAdapter;
