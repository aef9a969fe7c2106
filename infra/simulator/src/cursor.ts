import type { IncomingHttpHeaders } from 'node:http';
import { JsonNumberText, toJsonText, type JsonValue } from './json-text';
import {
  jsonResponse,
  singleHeader,
  type AuthOutcome,
  type FailureKind,
  type ProviderDialect,
  type ProviderRequest,
  type SimResponse,
} from './provider';
import { cursorMemberSpend, cursorUsageEvents } from './rule/cursor-rule';
import { daysBetween } from './rule/calendar';
import { parseCursorKey } from './team-keys';

const USAGE_EVENTS_PATH = '/teams/filtered-usage-events';
const SPEND_PATH = '/teams/spend';
/** Cursor's documented cap: 20 requests a minute per team. */
export const CURSOR_REQUESTS_PER_MINUTE = 20;
const MINUTE_MS = 60_000;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;
const MAX_RANGE_DAYS = 366;

const FAILURES: Record<FailureKind, [number, string, string]> = {
  unauthenticated: [401, 'Unauthorized', 'Invalid API key'],
  forbidden: [403, 'Forbidden', 'Enterprise access required'],
  rate_limited: [429, 'Too Many Requests', 'Rate limit exceeded. Please try again later.'],
  server_error: [500, 'Internal Server Error', 'Something went wrong'],
  not_found: [404, 'Not Found', 'Not found'],
  invalid_request: [400, 'Bad Request', 'Invalid request'],
};

function cursorFailure(kind: FailureKind, message?: string, retryAfter = 60): SimResponse {
  const [status, error, defaultMessage] = FAILURES[kind];
  const body = toJsonText({ error, message: message ?? defaultMessage });
  const headers: Record<string, string> =
    kind === 'rate_limited' ? { 'retry-after': String(retryAfter) } : {};
  return jsonResponse(status, body, headers);
}

function basicKey(headers: IncomingHttpHeaders): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(
    singleHeader(headers, 'authorization') ?? '',
  );
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // The key is the user name; the password must be empty.
  return colon === -1 || colon !== decoded.length - 1 ? null : decoded.slice(0, colon);
}

function authenticate(headers: IncomingHttpHeaders): AuthOutcome {
  const key = basicKey(headers);
  const caller = key === null ? null : parseCursorKey(key);
  if (caller === null) return { ok: false, response: cursorFailure('unauthenticated') };
  return { ok: true, caller };
}

type Body = Record<string, unknown>;

function parseBody(text: string | null): Body | null {
  if (text === null || text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Body)
      : null;
  } catch {
    return null;
  }
}

function wholeNumber(body: Body, name: string, fallback: number | null): number | null {
  const value = body[name] ?? fallback;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

interface Paging {
  readonly page: number;
  readonly pageSize: number;
}

function paging(body: Body): Paging | string {
  const page = wholeNumber(body, 'page', 1);
  const pageSize = wholeNumber(body, 'pageSize', DEFAULT_PAGE_SIZE);
  if (page === null || page < 1) return 'page must be a positive integer';
  if (pageSize === null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return `pageSize must be between 1 and ${MAX_PAGE_SIZE}`;
  }
  return { page, pageSize };
}

function dayOfMillis(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

function eventJson(org: string, event: ReturnType<typeof cursorUsageEvents>[number]): JsonValue {
  const base = {
    timestamp: String(event.timestampMs),
    userEmail: `member-${event.userIndex}@${org}.example`,
    model: event.model,
    kind: event.kind,
    maxMode: false,
    requestsCosts: event.tokenBased ? 1 : 2,
    isTokenBasedCall: event.tokenBased,
    isFreeBugbot: false,
  };
  if (!event.tokenBased) return base;
  return {
    ...base,
    tokenUsage: {
      inputTokens: event.inputTokens,
      outputTokens: event.outputTokens,
      cacheWriteTokens: event.cacheWriteTokens,
      cacheReadTokens: event.cacheReadTokens,
      totalCents: new JsonNumberText(event.totalCentsText),
    },
  };
}

function usageEvents(org: string, body: Body): SimResponse {
  const start = wholeNumber(body, 'startDate', null);
  const end = wholeNumber(body, 'endDate', null);
  const page = paging(body);
  if (start === null || end === null || end < start) {
    return cursorFailure('invalid_request', 'startDate and endDate (epoch ms) are required');
  }
  if (typeof page === 'string') return cursorFailure('invalid_request', page);
  const days = daysBetween(dayOfMillis(start), dayOfMillis(end));
  if (days.length > MAX_RANGE_DAYS) return cursorFailure('invalid_request', 'range too long');

  const events = days
    .flatMap((day) => cursorUsageEvents(org, day))
    .filter((event) => event.timestampMs >= start && event.timestampMs <= end);
  const numPages = Math.ceil(events.length / page.pageSize);
  const slice = events.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  return jsonResponse(
    200,
    toJsonText({
      totalUsageEventsCount: events.length,
      pagination: {
        numPages,
        currentPage: page.page,
        pageSize: page.pageSize,
        hasNextPage: page.page < numPages,
        hasPreviousPage: page.page > 1,
      },
      usageEvents: slice.map((event) => eventJson(org, event)),
      period: { startDate: start, endDate: end },
    }),
  );
}

function cycleStart(now: Date): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

function spend(org: string, body: Body): SimResponse {
  const page = paging(body);
  if (typeof page === 'string') return cursorFailure('invalid_request', page);
  const cycleDay = cycleStart(new Date());
  const members = cursorMemberSpend(org, cycleDay);
  const slice = members.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  return jsonResponse(
    200,
    toJsonText({
      teamMemberSpend: slice.map((member) => ({
        userId: 1000 + member.index,
        name: `Member ${member.index}`,
        email: `member-${member.index}@${org}.example`,
        role: member.index === 0 ? 'owner' : 'member',
        spendCents: member.spendCents,
        fastPremiumRequests: member.spendCents % 500,
        hardLimitOverrideDollars: 0,
      })),
      subscriptionCycleStart: Date.parse(`${cycleDay}T00:00:00Z`),
      totalMembers: members.length,
      totalPages: Math.ceil(members.length / page.pageSize),
    }),
  );
}

/** Remembers each team's calls of the last minute, to answer 429 past Cursor's cap. */
class TeamRateLimiter {
  private readonly calls = new Map<string, number[]>();

  /** Seconds to wait when the team is over its cap, else null (and the call is counted). */
  admit(org: string, now: number): number | null {
    const recent = (this.calls.get(org) ?? []).filter((at) => at > now - MINUTE_MS);
    if (recent.length >= CURSOR_REQUESTS_PER_MINUTE) {
      this.calls.set(org, recent);
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000));
    }
    recent.push(now);
    this.calls.set(org, recent);
    return null;
  }
}

async function route(request: ProviderRequest, limiter: TeamRateLimiter): Promise<SimResponse> {
  const org = request.caller.org;
  if (org === null) return cursorFailure('unauthenticated');
  const known = request.path === USAGE_EVENTS_PATH || request.path === SPEND_PATH;
  if (!known) return cursorFailure('not_found');
  if (request.method !== 'POST') return cursorFailure('not_found');
  const wait = limiter.admit(org, Date.now());
  if (wait !== null) return cursorFailure('rate_limited', undefined, wait);

  const body = parseBody(await request.readBody());
  if (body === null) return cursorFailure('invalid_request', 'the body must be a JSON object');
  return request.path === USAGE_EVENTS_PATH ? usageEvents(org, body) : spend(org, body);
}

/** Cursor's Admin API: usage events and member spend, Basic auth, 20 calls a minute a team. */
export function createCursorDialect(): ProviderDialect {
  const limiter = new TeamRateLimiter();
  return {
    name: 'cursor',
    credential: basicKey,
    authenticate,
    failure: (kind, message) => cursorFailure(kind, message),
    handle: (request) => route(request, limiter),
  };
}
