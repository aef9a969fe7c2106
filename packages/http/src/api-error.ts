/** Every error code the API answers with, and its HTTP status. Codes are stable. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  // 402, not 403: the caller may do this, the workspace's plan does not cover it; paying lifts it.
  plan_limit: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  credential_rejected: 422,
  rate_limited: 429,
  internal: 500,
  upstream_error: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorInit {
  /** What the user reads; never internal detail. */
  title: string;
  /** More words for the user, when they help. */
  detail?: string;
  /** The request field at fault, as a dotted path (`credential`, `scope.value`). */
  field?: string;
  /** Internal detail for the log only; never sent to the client. */
  cause?: unknown;
  /** More members of the answer (RFC 9457 extensions), such as the line of a bad file. */
  extensions?: Readonly<Record<string, string | number | null>>;
}

/** An expected failure that the API renders as problem+json. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly field: string | undefined;
  readonly extensions: Readonly<Record<string, string | number | null>>;

  constructor(code: ErrorCode, init: ApiErrorInit) {
    super(init.title, { cause: init.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.title = init.title;
    this.detail = init.detail;
    this.field = init.field;
    this.extensions = init.extensions ?? {};
  }
}
