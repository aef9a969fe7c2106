import type { IncomingHttpHeaders } from 'node:http';
import { isSelected, mergeBy, whenGrouped } from './grouping';
import { toJsonText, type JsonValue } from './json-text';
import { ANTHROPIC_KEY_PREFIX, parseSimulatorKey } from './keys';
import {
  arrayParam,
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
  jsonResponse,
  singleHeader,
  type AuthOutcome,
  type FailureKind,
  type ProviderDialect,
  type ProviderRequest,
  type SimResponse,
} from './provider';
import {
  anthropicCostLines,
  anthropicMessagesUsage,
  type AnthropicCostLine,
  type AnthropicUsageRow,
} from './rule/anthropic-rule';
import { dayOfUnixSeconds, SECONDS_PER_DAY } from './rule/calendar';
import { unitsToCentsText } from './rule/decimal-text';

const COST_REPORT_PATH = '/v1/organizations/cost_report';
const MESSAGES_USAGE_PATH = '/v1/organizations/usage_report/messages';
const SUPPORTED_VERSIONS = ['2023-06-01'];
const DAILY_MAX_LIMIT = 31;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// The simulated org runs everything on the standard tier inside a 200k context.
const SERVICE_TIER = 'standard';
const CONTEXT_WINDOW = '0-200k';

const FAILURES: Record<FailureKind, [number, string, string]> = {
  unauthenticated: [401, 'authentication_error', 'invalid x-api-key'],
  forbidden: [
    403,
    'permission_error',
    'Your API key does not have permission to use the specified resource.',
  ],
  rate_limited: [429, 'rate_limit_error', 'Number of requests has exceeded your rate limit.'],
  server_error: [500, 'api_error', 'Internal server error'],
  not_found: [404, 'not_found_error', 'Not found'],
  invalid_request: [400, 'invalid_request_error', 'Invalid request'],
};

function anthropicFailure(kind: FailureKind, message?: string): SimResponse {
  const [status, type, defaultMessage] = FAILURES[kind];
  const body = toJsonText({ type: 'error', error: { type, message: message ?? defaultMessage } });
  return jsonResponse(status, body, kind === 'rate_limited' ? { 'retry-after': '1' } : {});
}

function authenticate(headers: IncomingHttpHeaders): AuthOutcome {
  const key = singleHeader(headers, 'x-api-key');
  const caller = key === null ? null : parseSimulatorKey(ANTHROPIC_KEY_PREFIX, key);
  if (caller === null) {
    const message = key === null ? 'x-api-key header is required' : undefined;
    return { ok: false, response: anthropicFailure('unauthenticated', message) };
  }
  const version = singleHeader(headers, 'anthropic-version');
  if (version === null) {
    const message = 'anthropic-version: header is required';
    return { ok: false, response: anthropicFailure('invalid_request', message) };
  }
  if (!SUPPORTED_VERSIONS.includes(version)) {
    const message = `anthropic-version: unknown version '${version}'`;
    return { ok: false, response: anthropicFailure('invalid_request', message) };
  }
  return { ok: true, caller };
}

/** What one report accepts: bucket widths the real API knows and group_by values. */
interface ReportRules {
  readonly widths: readonly string[];
  readonly groups: readonly string[];
}

const COST_REPORT_RULES: ReportRules = {
  widths: ['1d'],
  groups: ['workspace_id', 'description'],
};

const MESSAGES_USAGE_RULES: ReportRules = {
  widths: ['1m', '1h', '1d'],
  groups: [
    'api_key_id',
    'workspace_id',
    'model',
    'service_tier',
    'context_window',
    'inference_geo',
  ],
};

/** Validated parameters of either Anthropic report. */
interface ReportQuery extends ReportPaging {
  readonly workspaceIds: ReadonlySet<string>;
  readonly models: ReadonlySet<string>;
}

function timestampParam(
  query: URLSearchParams,
  name: string,
  fallback: number | null,
): Parsed<number> {
  const raw = query.get(name);
  if (raw === null) {
    return fallback === null ? rejected(name, `${name}: Field required`) : parsed(fallback);
  }
  const seconds = RFC_3339.test(raw) ? Math.floor(Date.parse(raw) / 1000) : Number.NaN;
  if (!(seconds >= 0 && seconds <= MAX_UNIX_SECONDS)) {
    return rejected(name, `${name}: Input should be a valid RFC 3339 datetime`);
  }
  return parsed(seconds);
}

function parseWindow(query: URLSearchParams): Parsed<BucketWindow> {
  const start = timestampParam(query, 'starting_at', null);
  if (!start.ok) return start;
  const end = timestampParam(query, 'ending_at', nowUnixSeconds());
  if (!end.ok) return end;
  if (end.value <= start.value) {
    return rejected('ending_at', 'ending_at: must be after starting_at');
  }
  return parsed({ firstBucketStart: utcDayStart(start.value), endExclusive: end.value });
}

function parseBucketWidth(query: URLSearchParams, supported: readonly string[]): Parsed<string> {
  const width = query.get('bucket_width') ?? '1d';
  if (width === '1d') return parsed(width);
  if (supported.includes(width)) {
    return rejected(
      'bucket_width',
      `bucket_width: '${width}' is not supported by the simulator; use '1d'`,
    );
  }
  return rejected(
    'bucket_width',
    `bucket_width: Input should be ${supported.map((w) => `'${w}'`).join(' or ')}`,
  );
}

function parseReportQuery(query: URLSearchParams, rules: ReportRules): Parsed<ReportQuery> {
  const width = parseBucketWidth(query, rules.widths);
  if (!width.ok) return width;
  const window = parseWindow(query);
  if (!window.ok) return window;
  const paging = reportPagingParams(query, window.value, { ...rules, maxLimit: DAILY_MAX_LIMIT });
  if (!paging.ok) return paging;
  return parsed({
    ...paging.value,
    workspaceIds: new Set(arrayParam(query, 'workspace_ids')),
    models: new Set(arrayParam(query, 'models')),
  });
}

function rfc3339(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 19)}Z`;
}

function pageBody(report: ReportQuery, resultsOf: (day: string) => JsonValue[]): string {
  const data = report.page.bucketStarts.map((start) => ({
    starting_at: rfc3339(start),
    ending_at: rfc3339(start + SECONDS_PER_DAY),
    results: resultsOf(dayOfUnixSeconds(start)),
  }));
  return toJsonText({
    data,
    has_more: report.page.nextPage !== null,
    next_page: report.page.nextPage,
  });
}

/** A cost result before it is written: the line itself only when grouped by description. */
interface CostCell {
  readonly workspaceId: string | null;
  readonly described: AnthropicCostLine | null;
  readonly units: bigint;
}

function costCell(line: AnthropicCostLine, groupBy: ReadonlySet<string>): CostCell {
  return {
    workspaceId: whenGrouped(groupBy, 'workspace_id', line.workspaceId),
    described: whenGrouped(groupBy, 'description', line),
    units: line.units,
  };
}

// Token lines carry the tier and context window; other cost types leave them null.
function costResult({ workspaceId, described, units }: CostCell): JsonValue {
  const isTokens = described?.costType === 'tokens';
  return {
    currency: 'USD',
    amount: unitsToCentsText(units),
    workspace_id: workspaceId,
    description: described?.description ?? null,
    cost_type: described?.costType ?? null,
    token_type: described?.tokenType ?? null,
    model: described?.model ?? null,
    service_tier: isTokens ? SERVICE_TIER : null,
    context_window: isTokens ? CONTEXT_WINDOW : null,
    inference_geo: null,
  };
}

function costResults(org: string, day: string, report: ReportQuery): JsonValue[] {
  const lines = anthropicCostLines(org, day).filter((line) =>
    isSelected(report.workspaceIds, line.workspaceId),
  );
  const cells = mergeBy(
    lines.map((line) => costCell(line, report.groupBy)),
    (cell) => [cell.workspaceId, cell.described?.description ?? null],
    (total, cell) => ({ ...total, units: total.units + cell.units }),
  );
  return cells.map(costResult);
}

function costReport(org: string, query: URLSearchParams): SimResponse {
  const report = parseReportQuery(query, COST_REPORT_RULES);
  if (!report.ok) return anthropicFailure('invalid_request', report.message);

  const body = pageBody(report.value, (day) => costResults(org, day, report.value));
  return jsonResponse(200, body);
}

interface UsageCell extends Omit<AnthropicUsageRow, 'workspaceId' | 'model'> {
  readonly workspaceId: string | null;
  readonly model: string | null;
}

function addUsage(total: UsageCell, cell: UsageCell): UsageCell {
  return {
    ...total,
    uncachedInputTokens: total.uncachedInputTokens + cell.uncachedInputTokens,
    cacheReadInputTokens: total.cacheReadInputTokens + cell.cacheReadInputTokens,
    cacheCreation5mInputTokens: total.cacheCreation5mInputTokens + cell.cacheCreation5mInputTokens,
    cacheCreation1hInputTokens: total.cacheCreation1hInputTokens + cell.cacheCreation1hInputTokens,
    outputTokens: total.outputTokens + cell.outputTokens,
    webSearchRequests: total.webSearchRequests + cell.webSearchRequests,
  };
}

function usageResult(cell: UsageCell, groupBy: ReadonlySet<string>): JsonValue {
  return {
    uncached_input_tokens: cell.uncachedInputTokens,
    cache_read_input_tokens: cell.cacheReadInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: cell.cacheCreation5mInputTokens,
      ephemeral_1h_input_tokens: cell.cacheCreation1hInputTokens,
    },
    output_tokens: cell.outputTokens,
    server_tool_use: { web_search_requests: cell.webSearchRequests },
    api_key_id: null,
    workspace_id: cell.workspaceId,
    model: cell.model,
    service_tier: whenGrouped(groupBy, 'service_tier', SERVICE_TIER),
    context_window: whenGrouped(groupBy, 'context_window', CONTEXT_WINDOW),
    inference_geo: null,
  };
}

function usageResults(org: string, day: string, report: ReportQuery): JsonValue[] {
  const { groupBy } = report;
  const rows = anthropicMessagesUsage(org, day).filter(
    (row) =>
      isSelected(report.workspaceIds, row.workspaceId) && isSelected(report.models, row.model),
  );
  const cells = mergeBy<UsageCell>(
    rows.map((row) => ({
      ...row,
      workspaceId: whenGrouped(groupBy, 'workspace_id', row.workspaceId),
      model: whenGrouped(groupBy, 'model', row.model),
    })),
    (cell) => [cell.workspaceId, cell.model],
    addUsage,
  );
  return cells.map((cell) => usageResult(cell, groupBy));
}

function messagesUsageReport(org: string, query: URLSearchParams): SimResponse {
  const report = parseReportQuery(query, MESSAGES_USAGE_RULES);
  if (!report.ok) return anthropicFailure('invalid_request', report.message);

  const body = pageBody(report.value, (day) => usageResults(org, day, report.value));
  return jsonResponse(200, body);
}

async function route(request: ProviderRequest): Promise<SimResponse> {
  const org = request.caller.org;
  if (org === null) return anthropicFailure('unauthenticated');
  if (request.method === 'GET' && request.path === COST_REPORT_PATH) {
    return costReport(org, request.query);
  }
  if (request.method === 'GET' && request.path === MESSAGES_USAGE_PATH) {
    return messagesUsageReport(org, request.query);
  }
  return anthropicFailure('not_found');
}

/** Anthropic's Admin API: the (legacy) cost report and messages usage report. */
export const anthropicDialect: ProviderDialect = {
  name: 'anthropic',
  credential: (headers) => singleHeader(headers, 'x-api-key'),
  authenticate,
  failure: anthropicFailure,
  handle: route,
};
