import type { ApiError } from './api-error';
import { REQUEST_ID_HEADER } from './request-id';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The body of every error answer (RFC 9457), with Stax's stable `code` and the request id. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  requestId: string;
  detail?: string;
  field?: string;
  [extension: string]: string | number | null | undefined;
}

/** Renders an ApiError for the client; internal detail stays out. */
export function problemResponse(
  error: ApiError,
  requestId: string,
  headers?: HeadersInit,
): Response {
  const body: ProblemBody = {
    ...error.extensions,
    type: `https://stax.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    code: error.code,
    requestId,
  };
  if (error.detail !== undefined) body.detail = error.detail;
  if (error.field !== undefined) body.field = error.field;

  const responseHeaders = new Headers(headers);
  responseHeaders.set('content-type', PROBLEM_CONTENT_TYPE);
  responseHeaders.set(REQUEST_ID_HEADER, requestId);
  return new Response(JSON.stringify(body), { status: error.status, headers: responseHeaders });
}
