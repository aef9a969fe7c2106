import type { Failure, SyncedProviderId } from '@stax/contracts';
import type { QueryParams } from './adapter';
import { isAllowedOutbound, isLoopbackHost } from './allowlist';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRY_AFTER_SECONDS = 30;
const MILLIS_PER_SECOND = 1000;

/** Why a provider call gave no body: every case is an expected answer, not an exception. */
export type ProviderFailureCode = 'unauthorized' | 'rate_limited' | 'upstream' | 'bad_request';

/** A failed provider call, with the HTTP status when there was one. */
export interface ProviderFailure extends Failure<ProviderFailureCode> {
  status: number | null;
}

/** The body text of a successful call, or why it failed. */
export type ProviderAnswer =
  { ok: true; value: string; link?: string } | { ok: false; error: ProviderFailure };

/** The body of a POST: form fields (an OAuth token exchange) or JSON text (a query job). */
export type OutboundBody = { form: QueryParams } | { json: string };

/** The one way Stax reaches a provider. */
export interface ProviderClient {
  get(path: string, query: QueryParams, headers: Record<string, string>): Promise<ProviderAnswer>;
  /** Only for the few POSTs an allowlist names (Google's token exchange and query jobs). */
  post(path: string, body: OutboundBody, headers: Record<string, string>): Promise<ProviderAnswer>;
}

/** Which provider, at which origin; `fetcher` and `timeoutMs` are for tests and tuning. */
export interface ProviderClientOptions {
  provider: SyncedProviderId;
  /** The provider's origin, e.g. `https://api.openai.com`. */
  baseUrl: string;
  fetcher?: typeof fetch;
  timeoutMs?: number;
}

/** A call that the outbound rules forbid. It is a bug in Stax, never a provider's answer. */
export class OutboundRefusedError extends Error {
  constructor(reason: string) {
    super(`outbound call refused: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

/** Checks a base URL: an origin only, over https, or plain http to this machine. */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new OutboundRefusedError('the base URL is not a URL');
  }
  const secure = url.protocol === 'https:';
  if (!secure && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new OutboundRefusedError('the base URL must be https (plain http only to loopback)');
  }
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '') {
    throw new OutboundRefusedError('the base URL must be an origin only');
  }
  return url;
}

interface OutboundCall {
  provider: SyncedProviderId;
  origin: string;
  method: 'GET' | 'POST';
  path: string;
}

function requestUrl({ provider, origin, method, path }: OutboundCall, query: QueryParams) {
  if (!path.startsWith('/')) throw new OutboundRefusedError('the path must start with /');
  const url = new URL(path, origin);
  if (url.origin !== origin) throw new OutboundRefusedError('the path leaves the provider origin');
  if (!isAllowedOutbound(provider, method, url.pathname) || url.pathname !== path) {
    throw new OutboundRefusedError(`${method} ${url.pathname} is not on the ${provider} allowlist`);
  }
  for (const [name, value] of query) url.searchParams.append(name, value);
  return url;
}

function providerFailure(
  code: ProviderFailureCode,
  status: number | null,
  message: string,
  retryAfterSeconds?: number,
): { ok: false; error: ProviderFailure } {
  const retryable = code === 'rate_limited' || code === 'upstream';
  const error: ProviderFailure = { code, status, message, retryable };
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return { ok: false, error };
}

/** Seconds a `Retry-After` header asks for (delta seconds or an HTTP date), else the default. */
export function retryAfterSeconds(header: string | null, now: Date = new Date()): number {
  if (header === null) return DEFAULT_RETRY_AFTER_SECONDS;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.max(0, Math.ceil((at - now.getTime()) / MILLIS_PER_SECOND));
}

async function classify(response: Response): Promise<ProviderAnswer> {
  const { status } = response;
  if (status >= 200 && status < 300) {
    // GitHub pages by the Link header; it is handed on only when the provider sent one.
    const link = response.headers.get('link');
    const value = await response.text();
    return link === null ? { ok: true, value } : { ok: true, value, link };
  }
  // The error body is not needed; release the connection.
  await response.body?.cancel();
  if (status === 401 || status === 403) {
    return providerFailure('unauthorized', status, `the provider refused the key (${status})`);
  }
  if (status === 429) {
    const wait = retryAfterSeconds(response.headers.get('retry-after'));
    return providerFailure('rate_limited', status, 'the provider rate-limited the call', wait);
  }
  if (status >= 500) return providerFailure('upstream', status, `the provider failed (${status})`);
  // A redirect is not followed: it could lead off the provider's origin.
  return providerFailure('bad_request', status, `the provider refused the call (${status})`);
}

function failureOfThrown(error: unknown): { ok: false; error: ProviderFailure } {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  const message = timedOut ? 'the provider did not answer in time' : 'the provider is unreachable';
  return providerFailure('upstream', null, message);
}

function formText(fields: QueryParams): string {
  const form = new URLSearchParams();
  for (const [name, value] of fields) form.append(name, value);
  return form.toString();
}

/**
 * The client of one provider. It refuses, before any network call, a base URL that is not
 * https (or loopback http), a path off the allowlist, and any URL that leaves the origin.
 */
export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const { provider } = options;
  const origin = parseBaseUrl(options.baseUrl).origin;
  const doFetch = options.fetcher ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const send = async (url: URL, init: RequestInit): Promise<ProviderAnswer> => {
    try {
      return await classify(await doFetch(url.toString(), init));
    } catch (error) {
      return failureOfThrown(error);
    }
  };
  const init = (method: string, headers: Record<string, string>): RequestInit => ({
    method,
    headers: { accept: 'application/json', ...headers },
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });

  // Async, so that a refused call is a rejected promise like any other failure to call.
  return {
    async get(path, query, headers) {
      const url = requestUrl({ provider, origin, method: 'GET', path }, query);
      return send(url, init('GET', headers));
    },
    async post(path, body, headers) {
      const url = requestUrl({ provider, origin, method: 'POST', path }, []);
      const [contentType, text] =
        'form' in body
          ? ['application/x-www-form-urlencoded', formText(body.form)]
          : ['application/json', body.json];
      return send(url, {
        ...init('POST', { ...headers, 'content-type': contentType }),
        body: text,
      });
    },
  };
}
