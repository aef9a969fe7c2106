import { z } from 'zod';
import {
  fail,
  ok,
  type CostRecord,
  type ProviderTotal,
  type Result,
  type UtcDay,
} from '@stax/contracts';
import { parseMicros } from '@stax/money';
import type { QueryParams } from './adapter';
import type { GoogleSettings } from './google';
import { LabelSchema } from './paging';
import { readResponse } from './read-page';
import type { DayWindow } from './time';

/**
 * How Gemini and Vertex AI appear as `service.description` in a billing export. Inferred from
 * Google's docs and integrators, not confirmed on a live export: the Gemini API has been
 * "Generative Language API" and, lately, "Gemini API".
 */
export const GOOGLE_AI_SERVICES = ['Generative Language API', 'Gemini API', 'Vertex AI'] as const;

/** Rows per page of query results, and how long Google may hold a call waiting for the job. */
export const BIGQUERY_ROWS_PER_PAGE = 1000;
export const BIGQUERY_WAIT_MS = 10_000;

const MAX_JOB_ID_LENGTH = 1024;
const MAX_PAGE_TOKEN_LENGTH = 4096;

// Net of credits: credits are negative amounts on each export row. Both sums are NUMERIC so that
// the total is exact decimal text; a FLOAT64 sum would round in binary.
const NET_COST = `SUM(CAST(cost AS NUMERIC))
    + SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0))`;

/** The columns the daily query answers, in order. */
export const DAILY_COST_FIELDS = [
  'usage_day',
  'service',
  'invoice_month',
  'currency',
  'net_cost',
] as const;
/** The columns the invoice-month query answers, in order. */
export const MONTH_TOTAL_FIELDS = ['invoice_month', 'service', 'currency', 'net_cost'] as const;

function tableName(settings: GoogleSettings): string {
  const { bigQueryProject, bigQueryDataset, bigQueryTable } = settings;
  return `\`${bigQueryProject}.${bigQueryDataset}.${bigQueryTable}\``;
}

/** Daily cost net of credits per usage day, service and invoice month, for one window. */
export function dailyCostQuery(settings: GoogleSettings): string {
  return `SELECT FORMAT_DATE('%F', DATE(usage_start_time)) AS usage_day,
  service.description AS service, invoice.month AS invoice_month, currency,
  ${NET_COST} AS net_cost
FROM ${tableName(settings)}
WHERE usage_start_time >= @window_start AND usage_start_time < @window_end
  AND service.description IN UNNEST(@services)
GROUP BY usage_day, service, invoice_month, currency
ORDER BY usage_day, service, invoice_month, currency`;
}

/** Totals net of credits per invoice month: what the invoice says, whatever the usage day. */
export function monthTotalQuery(settings: GoogleSettings): string {
  return `SELECT invoice.month AS invoice_month, service.description AS service, currency,
  ${NET_COST} AS net_cost
FROM ${tableName(settings)}
WHERE invoice.month IN UNNEST(@invoice_months)
  AND service.description IN UNNEST(@services)
GROUP BY invoice_month, service, currency
ORDER BY invoice_month, service, currency`;
}

interface QueryParameter {
  name: string;
  parameterType: { type: string; arrayType?: { type: string } };
  parameterValue: { value?: string; arrayValues?: Array<{ value: string }> };
}

function timestampParameter(name: string, day: UtcDay): QueryParameter {
  return {
    name,
    parameterType: { type: 'TIMESTAMP' },
    parameterValue: { value: `${day} 00:00:00+00` },
  };
}

function stringArrayParameter(name: string, values: readonly string[]): QueryParameter {
  return {
    name,
    parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
    parameterValue: { arrayValues: values.map((value) => ({ value })) },
  };
}

function queryBody(query: string, parameters: QueryParameter[]): string {
  return JSON.stringify({
    query,
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: parameters,
    timeoutMs: BIGQUERY_WAIT_MS,
    maxResults: BIGQUERY_ROWS_PER_PAGE,
  });
}

/** The `jobs.query` body of the daily query over a window of UTC days. */
export function dailyCostQueryBody(settings: GoogleSettings, window: DayWindow): string {
  return queryBody(dailyCostQuery(settings), [
    timestampParameter('window_start', window.from),
    timestampParameter('window_end', window.to),
    stringArrayParameter('services', GOOGLE_AI_SERVICES),
  ]);
}

/** The `jobs.query` body of the month totals of the given invoice months (`YYYYMM`). */
export function monthTotalQueryBody(settings: GoogleSettings, invoiceMonths: string[]): string {
  return queryBody(monthTotalQuery(settings), [
    stringArrayParameter('invoice_months', invoiceMonths),
    stringArrayParameter('services', GOOGLE_AI_SERVICES),
  ]);
}

/** The invoice months (`YYYYMM`) that the days of a window fall in. */
export function invoiceMonthsOf(window: DayWindow): string[] {
  const months = new Set<string>();
  for (let day = window.from; day < window.to; day = nextDay(day)) {
    months.add(day.slice(0, 7).replace('-', ''));
  }
  return [...months];
}

function nextDay(day: UtcDay): UtcDay {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
}

const JobReferenceSchema = z.object({
  projectId: z.string().max(64),
  jobId: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .max(MAX_JOB_ID_LENGTH),
  location: z.string().max(64).optional(),
});
/** Where a query job runs: needed to poll it and to page through its rows. */
export type BigQueryJob = z.infer<typeof JobReferenceSchema>;

const QueryAnswerSchema = z.object({
  jobReference: JobReferenceSchema,
  jobComplete: z.boolean(),
  schema: z
    .object({ fields: z.array(z.object({ name: z.string().max(128), type: z.string().max(32) })) })
    .optional(),
  // Every value arrives as text, NULL as null.
  rows: z
    .array(z.object({ f: z.array(z.object({ v: z.string().max(1024).nullable() })) }))
    .optional(),
  pageToken: z.string().min(1).max(MAX_PAGE_TOKEN_LENGTH).optional(),
});

/** One answer of `jobs.query` or `jobs.getQueryResults`. */
export type QueryPage =
  | { complete: false; job: BigQueryJob }
  | {
      complete: true;
      job: BigQueryJob;
      rows: Array<Array<string | null>>;
      pageToken: string | null;
    };

/**
 * Reads a query answer. A finished job must name exactly the expected columns in order: the
 * export's schema changes over time, and a renamed column must fail rather than shift values.
 */
export function readQueryPage(
  bodyText: string,
  fields: readonly string[],
): Result<QueryPage, 'unexpected_format'> {
  const answer = readResponse(QueryAnswerSchema, bodyText);
  if (!answer.ok) return answer;
  const { jobReference: job, jobComplete, schema, rows = [], pageToken } = answer.value;
  if (!jobComplete) return ok({ complete: false, job });

  const names = schema?.fields.map((field) => field.name) ?? [];
  if (names.join(',') !== fields.join(',')) {
    return fail('unexpected_format', `schema.fields: expected ${fields.join(',')}`);
  }
  if (rows.some((row) => row.f.length !== fields.length)) {
    return fail('unexpected_format', 'rows.f: a row has the wrong number of cells');
  }
  const values = rows.map((row) => row.f.map((cell) => cell.v));
  return ok({ complete: true, job, rows: values, pageToken: pageToken ?? null });
}

/** The path and query of `jobs.getQueryResults`: the next page, or the same job polled. */
export function queryResultsRequest(
  job: BigQueryJob,
  pageToken: string | null,
): { path: string; query: QueryParams } {
  const query: Array<[string, string]> = [
    ['maxResults', String(BIGQUERY_ROWS_PER_PAGE)],
    ['timeoutMs', String(BIGQUERY_WAIT_MS)],
  ];
  if (job.location !== undefined) query.push(['location', job.location]);
  if (pageToken !== null) query.push(['pageToken', pageToken]);
  return { path: `/bigquery/v2/projects/${job.projectId}/queries/${job.jobId}`, query };
}

/** The path of `jobs.query` in a project. */
export function queriesPath(project: string): string {
  return `/bigquery/v2/projects/${project}/queries`;
}

const DayCellSchema = z.iso.date();
const InvoiceMonthCellSchema = z.string().regex(/^\d{4}(0[1-9]|1[0-2])$/);
const CurrencyCellSchema = z.string().regex(/^[A-Z]{3}$/);
const MoneyCellSchema = z.string().regex(/^-?\d+(\.\d+)?$/);

const DailyRowSchema = z.tuple([
  DayCellSchema,
  LabelSchema,
  InvoiceMonthCellSchema,
  CurrencyCellSchema,
  MoneyCellSchema,
]);
const MonthRowSchema = z.tuple([
  InvoiceMonthCellSchema,
  LabelSchema,
  CurrencyCellSchema,
  MoneyCellSchema,
]);

function invoiceMonthText(invoiceMonth: string): string {
  return `${invoiceMonth.slice(0, 4)}-${invoiceMonth.slice(4)}`;
}

/**
 * Maps daily rows to cost records, net of credits, in the account's currency. The invoice month
 * is part of the key: late usage billed in the next month is its own record.
 */
export function mapDailyCostRows(
  rows: Array<Array<string | null>>,
): Result<CostRecord[], 'unexpected_format'> {
  const records: CostRecord[] = [];
  for (const [index, row] of rows.entries()) {
    const parsed = DailyRowSchema.safeParse(row);
    const micros = parsed.success ? parseMicros(parsed.data[4], 6) : null;
    if (!parsed.success || micros === null) {
      return fail('unexpected_format', `rows[${index}]: not a daily cost row`);
    }
    const [day, service, invoiceMonth, currency] = parsed.data;
    records.push({
      recordKey: `cost|${day}|${service}|${invoiceMonth}`,
      chargePeriodStart: `${day}T00:00:00Z`,
      chargePeriodEnd: `${nextDay(day)}T00:00:00Z`,
      chargeCategory: 'usage',
      billedCostMicros: micros,
      currency,
      serviceName: service,
      model: null,
      chargeDescription: `Invoice month ${invoiceMonthText(invoiceMonth)}, net of credits`,
      projectId: null,
      apiKeyId: null,
      consumedQuantity: null,
      consumedUnit: null,
      source: 'reported',
    });
  }
  return ok(records);
}

/** Maps invoice-month rows to totals kept for reconciliation, never added to spend. */
export function mapMonthTotalRows(
  rows: Array<Array<string | null>>,
  asOf: Date,
): Result<ProviderTotal[], 'unexpected_format'> {
  const totals: ProviderTotal[] = [];
  for (const [index, row] of rows.entries()) {
    const parsed = MonthRowSchema.safeParse(row);
    const micros = parsed.success ? parseMicros(parsed.data[3], 6) : null;
    if (!parsed.success || micros === null) {
      return fail('unexpected_format', `rows[${index}]: not an invoice month row`);
    }
    const [invoiceMonth, service, currency] = parsed.data;
    const month = invoiceMonthText(invoiceMonth);
    totals.push({
      recordKey: `invoice|${invoiceMonth}|${service}|${currency}`,
      periodStart: `${month}-01T00:00:00Z`,
      asOf: `${asOf.toISOString().slice(0, 19)}Z`,
      amountMicros: micros,
      currency,
      description: `${service}, invoice month ${month}, net of credits`,
    });
  }
  return ok(totals);
}
