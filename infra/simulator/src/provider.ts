import type { IncomingHttpHeaders } from 'node:http';
import type { KeyMode } from './keys';

/** A finished HTTP answer, built as a value so the pipeline can log and delay it. */
export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The failures every provider can answer with, each in that provider's own error shape. */
export type FailureKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'server_error'
  | 'not_found'
  | 'invalid_request';

/** Who is calling, derived from a key that was accepted. Resend keys carry no org or mode. */
export interface Caller {
  readonly org: string | null;
  readonly mode: KeyMode | null;
}

/** The result of checking the credential headers. */
export type AuthOutcome =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly response: SimResponse };

/** A request that passed authentication, handed to a provider's routes. */
export interface ProviderRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly caller: Caller;
  readonly credentialFingerprint: string | null;
  readBody(): Promise<string | null>;
}

/** One provider's wire dialect: where its key lives, how it fails, and its routes. */
export interface ProviderDialect {
  readonly name:
    'openai' | 'anthropic' | 'resend' | 'cursor' | 'github' | 'google' | 'chatgpt' | 'stripe';
  credential(headers: IncomingHttpHeaders): string | null;
  authenticate(headers: IncomingHttpHeaders): AuthOutcome;
  failure(kind: FailureKind, message?: string, param?: string): SimResponse;
  handle(request: ProviderRequest): Promise<SimResponse>;
}

/** A JSON response with the given status and body text. */
export function jsonResponse(
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

/** The header value as one string, or null when absent or repeated. */
export function singleHeader(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(singleHeader(headers, 'authorization') ?? '');
  return match?.[1] ?? null;
}
