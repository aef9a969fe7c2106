import type { IncomingHttpHeaders } from 'node:http';
import { isSelected, mergeBy, whenGrouped } from './grouping';
import { JsonNumberText, toJsonText, type JsonValue } from './json-text';
import { OPENAI_KEY_PREFIX, parseSimulatorKey } from './keys';
import {
  arrayParam,
  integerParam,
  MAX_UNIX_SECONDS,
  nowUnixSeconds,
  parsed,
  rejected,
  reportPagingParams,
  utcDayStart,
  type BucketWindow,
  type Parsed,
  type ReportPaging,
} from './params';
import {
  bearerToken,
  jsonResponse,
  type AuthOutcome,
  type FailureKind,
  type ProviderDialect,
  type ProviderRequest,
  type SimResponse,
} from './provider';
import { dayOfUnixSeconds, SECONDS_PER_DAY } from './rule/calendar';
import { nanosToDollarText } from './rule/decimal-text';
import {
  openaiCompletionsUsage,
  openaiCostLines,
  type OpenAiCostLine,
  type OpenAiUsageRow,
} from './rule/openai-rule';

const COSTS_PATH = '/v1/organization/costs';
const COMPLETIONS_USAGE_PATH = '/v1/organization/usage/completions';

interface OpenAiErrorBody {
  readonly message: string;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
}

function openAiError(status: number, error: OpenAiErrorBody, headers = {}): SimResponse {
  return jsonResponse(status, toJsonText({ error: { ...error } }), headers);
}

const FAILURES: Record<Exclude<FailureKind, 'invalid_request'>, [number, OpenAiErrorBody]> = {
  unauthenticated: [
    401,
    {
      message:
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  ],
  forbidden: [
    403,
    {
      message:
        'You have insufficient permissions for this operation. Missing scopes: api.usage.read.',
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  ],
  rate_limited: [
    429,
    {
      message: 'Rate limit reached for requests. Please try again in 1s.',
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    },
  ],
  server_error: [
    500,
    {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    },
  ],
  not_found: [
    404,
    { message: 'Invalid URL.', type: 'invalid_request_error', param: null, code: null },
  ],
};

function openAiFailure(kind: FailureKind, message?: string, param?: string): SimResponse {
  if (kind === 'invalid_request') {
    const error = { message: message ?? 'Invalid request.', param: param ?? null, code: null };
    return openAiError(400, { ...error, type: 'invalid_request_error' });
  }
  const [status, error] = FAILURES[kind];
  const headers = kind === 'rate_limited' ? { 'retry-after': '1' } : {};
  return openAiError(status, { ...error, message: message ?? error.message }, headers);
}

const MISSING_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

function authenticate(headers: IncomingHttpHeaders): AuthOutcome {
  const key = bearerToken(headers);
  if (key === null) {
    const body = {
      message: MISSING_KEY_MESSAGE,
      type: 'invalid_request_error',
      param: null,
      code: null,
    };
    return { ok: false, response: openAiError(401, body) };
  }
  const caller = parseSimulatorKey(OPENAI_KEY_PREFIX, key);
  return caller ? { ok: true, caller } : { ok: false, response: openAiFailure('unauthenticated') };
}

/** What one report accepts: bucket widths the real API knows, group_by values, max limit. */
interface ReportRules {
  readonly widths: readonly string[];
  readonly groups: readonly string[];
  readonly maxLimit: number;
}

const COSTS_RULES: ReportRules = {
  widths: ['1d'],
  groups: ['project_id', 'line_item', 'api_key_id'],
  maxLimit: 180,
};

const COMPLETIONS_USAGE_RULES: ReportRules = {
  widths: ['1m', '1h', '1d'],
  groups: ['model', 'project_id', 'api_key_id', 'user_id', 'batch', 'service_tier'],
  maxLimit: 31,
};

/** The parameters of either OpenAI report once validated. */
interface ReportQuery extends ReportPaging {
  readonly projectIds: ReadonlySet<string>;
  readonly models: ReadonlySet<string>;
}

function timeParam(query: URLSearchParams, name: string, fallback: number | null): Parsed<number> {
  if (query.get(name) === null && fallback === null) {
    return rejected(name, `Missing required parameter: '${name}'.`);
  }
  return integerParam(query, name, { min: 0, max: MAX_UNIX_SECONDS, fallback: fallback ?? 0 });
}

function parseWindow(query: URLSearchParams): Parsed<BucketWindow> {
  const start = timeParam(query, 'start_time', null);
  if (!start.ok) return start;
  const end = timeParam(query, 'end_time', nowUnixSeconds());
  if (!end.ok) return end;
  if (end.value <= start.value) {
    return rejected('end_time', "Invalid value for 'end_time': must be after 'start_time'.");
  }
  return parsed({ firstBucketStart: utcDayStart(start.value), endExclusive: end.value });
}

function parseBucketWidth(query: URLSearchParams, supported: readonly string[]): Parsed<string> {
  const width = query.get('bucket_width') ?? '1d';
  if (width === '1d') return parsed(width);
  if (supported.includes(width)) {
    return rejected(
      'bucket_width',
      `bucket_width '${width}' is not supported by the simulator; use '1d'.`,
    );
  }
  return rejected('bucket_width', `Invalid value for 'bucket_width': '${width}'.`);
}

function parseReportQuery(query: URLSearchParams, rules: ReportRules): Parsed<ReportQuery> {
  const width = parseBucketWidth(query, rules.widths);
  if (!width.ok) return width;
  const window = parseWindow(query);
  if (!window.ok) return window;
  const paging = reportPagingParams(query, window.value, rules);
  if (!paging.ok) return paging;
  return parsed({
    ...paging.value,
    projectIds: new Set(arrayParam(query, 'project_ids')),
    models: new Set(arrayParam(query, 'models')),
  });
}

function pageBody(report: ReportQuery, bucketOf: (start: number) => JsonValue): string {
  return toJsonText({
    object: 'page',
    data: report.page.bucketStarts.map(bucketOf),
    has_more: report.page.nextPage !== null,
    next_page: report.page.nextPage,
  });
}

function bucket(start: number, results: readonly JsonValue[]): JsonValue {
  return { object: 'bucket', start_time: start, end_time: start + SECONDS_PER_DAY, results };
}

interface CostCell {
  readonly projectId: string | null;
  readonly lineItem: string | null;
  readonly nanos: bigint;
  readonly quantity: number;
}

function costCell(line: OpenAiCostLine, groupBy: ReadonlySet<string>): CostCell {
  return {
    projectId: whenGrouped(groupBy, 'project_id', line.projectId),
    lineItem: whenGrouped(groupBy, 'line_item', line.lineItem),
    nanos: line.nanos,
    quantity: line.quantity,
  };
}

function addCosts(total: CostCell, cell: CostCell): CostCell {
  return { ...total, nanos: total.nanos + cell.nanos, quantity: total.quantity + cell.quantity };
}

// quantity only means something per line item, so the real API fills it only when grouped so.
function costResult(cell: CostCell): JsonValue {
  const byLineItem = cell.lineItem !== null;
  return {
    object: 'organization.costs.result',
    amount: { value: new JsonNumberText(nanosToDollarText(cell.nanos)), currency: 'usd' },
    line_item: cell.lineItem,
    project_id: cell.projectId,
    api_key_id: null,
    quantity: byLineItem ? cell.quantity : null,
    quantity_unit: byLineItem ? 'tokens' : null,
  };
}

function costBucket(org: string, start: number, report: ReportQuery): JsonValue {
  const lines = openaiCostLines(org, dayOfUnixSeconds(start)).filter((line) =>
    isSelected(report.projectIds, line.projectId),
  );
  const cells = mergeBy(
    lines.map((line) => costCell(line, report.groupBy)),
    (cell) => [cell.projectId, cell.lineItem],
    addCosts,
  );
  return bucket(start, cells.map(costResult));
}

function costsReport(org: string, query: URLSearchParams): SimResponse {
  const report = parseReportQuery(query, COSTS_RULES);
  if (!report.ok) return openAiFailure('invalid_request', report.message, report.param);

  const body = pageBody(report.value, (start) => costBucket(org, start, report.value));
  return jsonResponse(200, body);
}

interface UsageCell extends Omit<OpenAiUsageRow, 'projectId' | 'model'> {
  readonly projectId: string | null;
  readonly model: string | null;
}

function addUsage(total: UsageCell, cell: UsageCell): UsageCell {
  return {
    ...total,
    inputTokens: total.inputTokens + cell.inputTokens,
    inputCachedTokens: total.inputCachedTokens + cell.inputCachedTokens,
    outputTokens: total.outputTokens + cell.outputTokens,
    numModelRequests: total.numModelRequests + cell.numModelRequests,
  };
}

// The simulated org sends no batch jobs and only the default tier; keys and users are not modelled.
function usageResult(cell: UsageCell, groupBy: ReadonlySet<string>): JsonValue {
  const uncached = cell.inputTokens - cell.inputCachedTokens;
  return {
    object: 'organization.usage.completions.result',
    input_tokens: cell.inputTokens,
    input_cached_tokens: cell.inputCachedTokens,
    input_uncached_tokens: uncached,
    input_cache_write_tokens: 0,
    input_text_tokens: uncached,
    input_audio_tokens: 0,
    input_image_tokens: 0,
    output_tokens: cell.outputTokens,
    output_text_tokens: cell.outputTokens,
    output_audio_tokens: 0,
    output_image_tokens: 0,
    num_model_requests: cell.numModelRequests,
    project_id: cell.projectId,
    user_id: null,
    api_key_id: null,
    model: cell.model,
    batch: whenGrouped(groupBy, 'batch', false),
    service_tier: whenGrouped(groupBy, 'service_tier', 'default'),
  };
}

function usageBucket(org: string, start: number, report: ReportQuery): JsonValue {
  const { groupBy } = report;
  const rows = openaiCompletionsUsage(org, dayOfUnixSeconds(start)).filter(
    (row) => isSelected(report.projectIds, row.projectId) && isSelected(report.models, row.model),
  );
  const cells = mergeBy<UsageCell>(
    rows.map((row) => ({
      ...row,
      projectId: whenGrouped(groupBy, 'project_id', row.projectId),
      model: whenGrouped(groupBy, 'model', row.model),
    })),
    (cell) => [cell.projectId, cell.model],
    addUsage,
  );
  return bucket(
    start,
    cells.map((cell) => usageResult(cell, groupBy)),
  );
}

function completionsUsageReport(org: string, query: URLSearchParams): SimResponse {
  const report = parseReportQuery(query, COMPLETIONS_USAGE_RULES);
  if (!report.ok) return openAiFailure('invalid_request', report.message, report.param);

  const body = pageBody(report.value, (start) => usageBucket(org, start, report.value));
  return jsonResponse(200, body);
}

async function route(request: ProviderRequest): Promise<SimResponse> {
  const org = request.caller.org;
  if (org === null) return openAiFailure('unauthenticated');
  if (request.method === 'GET' && request.path === COSTS_PATH) {
    return costsReport(org, request.query);
  }
  if (request.method === 'GET' && request.path === COMPLETIONS_USAGE_PATH) {
    return completionsUsageReport(org, request.query);
  }
  return openAiFailure('not_found', `Invalid URL (${request.method} ${request.path})`);
}

/** OpenAI's Admin API: organization costs and completions usage. */
export const openAiDialect: ProviderDialect = {
  name: 'openai',
  credential: bearerToken,
  authenticate,
  failure: openAiFailure,
  handle: route,
};
