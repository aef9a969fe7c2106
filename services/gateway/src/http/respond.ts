import { REQUEST_ID_HEADER } from '@stax/http';

/** A JSON answer. */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const responseHeaders = new Headers(headers);
  responseHeaders.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers: responseHeaders });
}

/** An empty answer. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

/** Adds the request id and the security headers every answer carries. */
export function finishResponse(response: Response, requestId: string): Response {
  const finished = new Response(response.body, response);
  finished.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!finished.headers.has(name)) finished.headers.set(name, value);
  }
  if (!finished.headers.has('cache-control')) finished.headers.set('cache-control', 'no-store');
  return finished;
}
