import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';
import { JsonNumberText, toJsonText } from './json-text';
import type { IncomingRequest } from './pipeline';
import {
  bearerToken,
  jsonResponse,
  singleHeader,
  type AuthOutcome,
  type FailureKind,
  type ProviderDialect,
  type ProviderRequest,
  type SimResponse,
} from './provider';
import { nanosToDollarText } from './rule/decimal-text';
import { githubCreditUsage, githubSeatBreakdown, githubSeats } from './rule/github-rule';
import { parseGitHubToken } from './team-keys';

const SEATS_SUMMARY = /^\/orgs\/([A-Za-z0-9-]{1,39})\/copilot\/billing$/;
const SEATS_LIST = /^\/orgs\/([A-Za-z0-9-]{1,39})\/copilot\/billing\/seats$/;
const AI_CREDIT_USAGE =
  /^\/organizations\/([A-Za-z0-9-]{1,39})\/settings\/billing\/ai_credit\/usage$/;
const API_VERSIONS = ['2022-11-28', '2026-03-10'];
const DOCS = 'https://docs.github.com/rest';
const NANOS_PER_CREDIT = 10_000_000n;

/** The OAuth app the simulator knows; the gateway's local config names it. */
export const SIM_OAUTH_CLIENT_ID = 'stax-sim-oauth-app';
export const SIM_OAUTH_CLIENT_SECRET = 'stax-sim-oauth-secret';

const FAILURES: Record<FailureKind, [number, string]> = {
  unauthenticated: [401, 'Bad credentials'],
  forbidden: [403, 'Must have admin rights to Copilot Business.'],
  rate_limited: [429, 'API rate limit exceeded for user.'],
  server_error: [500, 'Unable to get billing usage data.'],
  not_found: [404, 'Not Found'],
  invalid_request: [400, 'Problems parsing request.'],
};

function githubFailure(kind: FailureKind, message?: string): SimResponse {
  const [status, defaultMessage] = FAILURES[kind];
  const body = toJsonText({
    message: message ?? defaultMessage,
    documentation_url: DOCS,
    status: String(status),
  });
  return jsonResponse(status, body, kind === 'rate_limited' ? { 'retry-after': '60' } : {});
}

function authenticate(headers: IncomingHttpHeaders): AuthOutcome {
  const token = bearerToken(headers);
  const caller = token === null ? null : parseGitHubToken(token);
  if (caller === null) return { ok: false, response: githubFailure('unauthenticated') };
  // GitHub refuses a request without a User-Agent, and an API version it does not know.
  if (singleHeader(headers, 'user-agent') === null) {
    const message = 'Request forbidden by administrative rules. Add a User-Agent header.';
    return { ok: false, response: githubFailure('forbidden', message) };
  }
  const version = singleHeader(headers, 'x-github-api-version');
  if (version !== null && !API_VERSIONS.includes(version)) {
    const message = `Unsupported 'X-GitHub-Api-Version' header: ${version}.`;
    return { ok: false, response: githubFailure('invalid_request', message) };
  }
  return { ok: true, caller };
}

function seatsSummary(org: string): SimResponse {
  const seats = githubSeatBreakdown(org);
  return jsonResponse(
    200,
    toJsonText({
      seat_breakdown: {
        total: seats.total,
        added_this_cycle: seats.addedThisCycle,
        pending_cancellation: seats.pendingCancellation,
        pending_invitation: seats.pendingInvitation,
        active_this_cycle: seats.activeThisCycle,
        inactive_this_cycle: seats.inactiveThisCycle,
      },
      seat_management_setting: 'assign_selected',
      plan_type: 'business',
      public_code_suggestions: 'block',
      ide_chat: 'enabled',
      platform_chat: 'enabled',
      cli: 'enabled',
    }),
  );
}

function positiveParam(query: URLSearchParams, name: string, fallback: number, max: number) {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : 0;
  return value >= 1 && value <= max ? value : null;
}

function linkHeader(request: ProviderRequest, page: number, last: number, perPage: number) {
  const origin = `http://${singleHeader(request.headers, 'host') ?? '127.0.0.1'}`;
  const link = (to: number, rel: string) =>
    `<${origin}${request.path}?per_page=${perPage}&page=${to}>; rel="${rel}"`;
  const links = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return links.join(', ');
}

function seatsList(org: string, request: ProviderRequest): SimResponse {
  const perPage = positiveParam(request.query, 'per_page', 50, 100);
  const page = positiveParam(request.query, 'page', 1, 100_000);
  if (perPage === null || page === null) return githubFailure('invalid_request');
  const seats = githubSeats(org);
  const last = Math.max(1, Math.ceil(seats.length / perPage));
  const body = toJsonText({
    total_seats: seats.length,
    seats: seats.slice((page - 1) * perPage, page * perPage).map((seat) => ({
      created_at: '2025-11-03T10:00:00Z',
      updated_at: '2026-01-02T08:00:00Z',
      pending_cancellation_date: seat.pendingCancellationDate,
      last_activity_at: seat.lastActivityAt,
      last_activity_editor: seat.lastActivityAt ? 'vscode/1.105.0/copilot-chat/0.32.0' : null,
      plan_type: 'business',
      assignee: { login: `${org}-dev-${seat.index}`, id: 100_000 + seat.index, type: 'User' },
      assigning_team: null,
    })),
  });
  const link = linkHeader(request, page, last, perPage);
  return jsonResponse(200, body, link === '' ? {} : { link });
}

function creditUsage(org: string, query: URLSearchParams): SimResponse {
  const now = new Date();
  const year = positiveParam(query, 'year', now.getUTCFullYear(), 9999);
  const month = positiveParam(query, 'month', now.getUTCMonth() + 1, 12);
  if (year === null || month === null) return githubFailure('invalid_request');
  const monthText = `${year}-${String(month).padStart(2, '0')}`;
  const dollars = (credits: number) =>
    new JsonNumberText(nanosToDollarText(BigInt(credits) * NANOS_PER_CREDIT));
  const usageItems = githubCreditUsage(org, monthText).map((usage) => ({
    product: 'Copilot',
    sku: 'Copilot AI Credits',
    model: usage.model,
    unitType: 'ai-credits',
    pricePerUnit: new JsonNumberText('0.01'),
    grossQuantity: usage.grossCredits,
    grossAmount: dollars(usage.grossCredits),
    discountQuantity: usage.discountCredits,
    discountAmount: dollars(usage.discountCredits),
    netQuantity: usage.netCredits,
    netAmount: dollars(usage.netCredits),
  }));
  return jsonResponse(
    200,
    toJsonText({ timePeriod: { year, month }, organization: org, usageItems }),
  );
}

async function route(request: ProviderRequest): Promise<SimResponse> {
  if (request.method !== 'GET') return githubFailure('not_found');
  const summary = SEATS_SUMMARY.exec(request.path);
  if (summary?.[1]) return seatsSummary(summary[1].toLowerCase());
  const list = SEATS_LIST.exec(request.path);
  if (list?.[1]) return seatsList(list[1].toLowerCase(), request);
  const usage = AI_CREDIT_USAGE.exec(request.path);
  if (usage?.[1]) return creditUsage(usage[1].toLowerCase(), request.query);
  return githubFailure('not_found');
}

/** GitHub's REST API: Copilot seats (Link-header pages) and AI-credit usage, Bearer tokens. */
export const githubDialect: ProviderDialect = {
  name: 'github',
  credential: bearerToken,
  authenticate,
  failure: githubFailure,
  handle: route,
};

/** Paths of GitHub's OAuth web flow, served without a key. */
export const GITHUB_OAUTH_PREFIX = '/login/oauth/';

interface IssuedCode {
  readonly login: string;
  readonly expiresAt: number;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;

function oauthError(error: string, description: string): SimResponse {
  // GitHub answers a failed exchange with 200 and an error body.
  return jsonResponse(200, toJsonText({ error, error_description: description }));
}

function authorize(incoming: IncomingRequest, codes: Map<string, IssuedCode>): SimResponse {
  const { query } = incoming;
  const redirect = query.get('redirect_uri');
  if (query.get('client_id') !== SIM_OAUTH_CLIENT_ID || redirect === null) {
    return jsonResponse(404, toJsonText({ error: 'unknown client_id or missing redirect_uri' }));
  }
  // The simulated user approves at once; `login` picks the token's name (and its mode).
  const login = query.get('login') ?? 'octo';
  const code = `sim_${randomBytes(10).toString('hex')}`;
  codes.set(code, { login, expiresAt: Date.now() + CODE_LIFETIME_MS });
  const target = new URL(redirect);
  target.searchParams.set('code', code);
  target.searchParams.set('state', query.get('state') ?? '');
  return { status: 302, headers: { location: target.toString() }, body: '' };
}

function formOrJson(text: string): URLSearchParams {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) {
      const pairs = Object.entries(value).map(([k, v]): [string, string] => [k, String(v)]);
      return new URLSearchParams(pairs);
    }
  } catch {
    // Not JSON: a form body.
  }
  return new URLSearchParams(text);
}

async function exchange(
  incoming: IncomingRequest,
  codes: Map<string, IssuedCode>,
): Promise<SimResponse> {
  if (incoming.method !== 'POST') return jsonResponse(404, '{"error":"not found"}');
  const params = formOrJson((await incoming.readBody()) ?? '');
  const secretOk =
    params.get('client_id') === SIM_OAUTH_CLIENT_ID &&
    params.get('client_secret') === SIM_OAUTH_CLIENT_SECRET;
  if (!secretOk) {
    return oauthError('incorrect_client_credentials', 'The client_id and/or secret is wrong.');
  }
  const code = params.get('code') ?? '';
  const issued = codes.get(code);
  codes.delete(code);
  if (!issued || issued.expiresAt < Date.now()) {
    return oauthError('bad_verification_code', 'The code passed is incorrect or expired.');
  }
  return jsonResponse(
    200,
    toJsonText({
      access_token: `gho_sim_${issued.login}`,
      token_type: 'bearer',
      scope: 'manage_billing:copilot,read:org',
    }),
  );
}

/** GitHub's OAuth authorize page (approves at once) and token endpoint; codes are single-use. */
export function createGitHubOAuth() {
  const codes = new Map<string, IssuedCode>();
  return (incoming: IncomingRequest): Promise<SimResponse> | SimResponse => {
    if (incoming.path === `${GITHUB_OAUTH_PREFIX}authorize`) return authorize(incoming, codes);
    if (incoming.path === `${GITHUB_OAUTH_PREFIX}access_token`) return exchange(incoming, codes);
    return jsonResponse(404, '{"error":"not found"}');
  };
}
