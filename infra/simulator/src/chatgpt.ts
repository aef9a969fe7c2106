import type { IncomingHttpHeaders } from 'node:http';
import { JsonNumberText, toJsonText } from './json-text';
import { parseSimulatorKey } from './keys';
import {
  bearerToken,
  jsonResponse,
  type AuthOutcome,
  type FailureKind,
  type ProviderDialect,
  type ProviderRequest,
  type SimResponse,
} from './provider';
import { dayOfUnixSeconds, dayStartUnixSeconds, SECONDS_PER_DAY } from './rule/calendar';
import { centiCreditsText, codexUsageDay } from './rule/chatgpt-rule';

/** ChatGPT workspace analytics keys the simulator accepts: `sk-chatgpt-sim-<org>[-<mode>]`. */
export const CHATGPT_KEY_PREFIX = 'sk-chatgpt-sim-';
const USAGE_PATH = /^\/v1\/analytics\/codex\/workspaces\/([A-Za-z0-9_-]{1,128})\/usage$/;
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;
const DIGITS = /^\d+$/;

const FAILURES: Record<Exclude<FailureKind, 'invalid_request'>, [number, string, string]> = {
  unauthenticated: [401, 'invalid_api_key', 'Incorrect API key provided.'],
  forbidden: [403, 'insufficient_permissions', 'Missing scope: codex.enterprise.analytics.read.'],
  rate_limited: [429, 'rate_limit_exceeded', 'Rate limit reached for requests.'],
  server_error: [500, 'server_error', 'The server had an error processing your request.'],
  not_found: [404, 'not_found', 'Not found.'],
};

function chatGptFailure(kind: FailureKind, message?: string, param?: string): SimResponse {
  const [status, code, words] =
    kind === 'invalid_request' ? [400, 'invalid_request', 'Invalid request.'] : FAILURES[kind];
  const error = {
    message: message ?? words,
    type: 'invalid_request_error',
    param: param ?? null,
    code,
  };
  const headers: Record<string, string> = kind === 'rate_limited' ? { 'retry-after': '1' } : {};
  return jsonResponse(status, toJsonText({ error }), headers);
}

function authenticate(headers: IncomingHttpHeaders): AuthOutcome {
  const caller = parseSimulatorKey(CHATGPT_KEY_PREFIX, bearerToken(headers) ?? '');
  return caller ? { ok: true, caller } : { ok: false, response: chatGptFailure('unauthenticated') };
}

function whole(query: URLSearchParams, name: string, fallback: number | null): number | null {
  const text = query.get(name);
  if (text === null) return fallback;
  return DIGITS.test(text) ? Number(text) : null;
}

function usage(org: string, query: URLSearchParams): SimResponse {
  const start = whole(query, 'start_time', null);
  const end = whole(query, 'end_time', Math.floor(Date.now() / 1000));
  const limit = whole(query, 'limit', DEFAULT_LIMIT);
  if (start === null || end === null || end <= start) {
    return chatGptFailure(
      'invalid_request',
      'start_time and end_time must be Unix seconds.',
      'start_time',
    );
  }
  if (limit === null || limit < 1 || limit > MAX_LIMIT) {
    return chatGptFailure('invalid_request', `limit must be 1 to ${MAX_LIMIT}.`, 'limit');
  }
  const resume = whole(query, 'page', null);
  const first = resume ?? dayStartUnixSeconds(dayOfUnixSeconds(start));
  const data = [];
  let at = first;
  for (; at < end && data.length < limit; at += SECONDS_PER_DAY) {
    const day = codexUsageDay(org, dayOfUnixSeconds(at));
    if (!day) continue;
    data.push({
      start_time: at,
      end_time: at + SECONDS_PER_DAY,
      threads: day.threads,
      turns: day.turns,
      credits: new JsonNumberText(centiCreditsText(day.centiCredits)),
      input_tokens: day.inputTokens,
      cached_input_tokens: day.cachedInputTokens,
      output_tokens: day.outputTokens,
    });
  }
  const hasMore = at < end;
  const body = { object: 'page', data, has_more: hasMore, next_page: hasMore ? String(at) : null };
  return jsonResponse(200, toJsonText(body));
}

/** ChatGPT Enterprise's Codex Analytics usage report (field names as integrators report them). */
export const chatGptDialect: ProviderDialect = {
  name: 'chatgpt',
  credential: bearerToken,
  authenticate,
  failure: chatGptFailure,
  async handle(request: ProviderRequest) {
    if (request.method === 'GET' && USAGE_PATH.test(request.path)) {
      return usage(request.caller.org ?? '', request.query);
    }
    return chatGptFailure('not_found', `Invalid URL (${request.method} ${request.path})`);
  },
};
