import type { IncomingHttpHeaders } from 'node:http';
import { toJsonText } from './json-text';
import { addressOf, type EmailDraft, type Outbox, type SendOutcome } from './outbox';
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

const EMAILS_PATH = '/emails';
const RESEND_KEY_PREFIX = 're_';
const MAX_RECIPIENTS = 50;
const MAX_IDEMPOTENCY_KEY_CHARS = 256;
const MAILBOX = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

const FAILURES: Record<FailureKind, [number, string, string]> = {
  unauthenticated: [401, 'validation_error', 'API key is invalid'],
  forbidden: [403, 'restricted_api_key', 'This API key is restricted to only send emails.'],
  rate_limited: [
    429,
    'rate_limit_exceeded',
    'Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.',
  ],
  server_error: [500, 'internal_server_error', 'An unexpected error occurred.'],
  not_found: [404, 'not_found', 'The requested endpoint does not exist.'],
  invalid_request: [422, 'validation_error', 'Invalid request.'],
};

function resendError(status: number, name: string, message: string, headers = {}): SimResponse {
  return jsonResponse(status, toJsonText({ statusCode: status, name, message }), headers);
}

function resendFailure(kind: FailureKind, message?: string): SimResponse {
  const [status, name, defaultMessage] = FAILURES[kind];
  const headers = kind === 'rate_limited' ? { 'retry-after': '1' } : {};
  return resendError(status, name, message ?? defaultMessage, headers);
}

function authenticate(headers: IncomingHttpHeaders): AuthOutcome {
  const key = bearerToken(headers);
  if (key === null) {
    const message =
      'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY';
    return { ok: false, response: resendError(401, 'missing_api_key', message) };
  }
  if (!key.startsWith(RESEND_KEY_PREFIX)) {
    return { ok: false, response: resendFailure('unauthenticated') };
  }
  return { ok: true, caller: { org: null, mode: null } };
}

type DraftResult = { ok: true; draft: EmailDraft } | { ok: false; response: SimResponse };

function missingField(field: string): DraftResult {
  return {
    ok: false,
    response: resendError(422, 'missing_required_field', `Missing \`${field}\` field.`),
  };
}

function invalidField(field: string, message: string): DraftResult {
  return {
    ok: false,
    response: resendError(422, 'validation_error', `Invalid \`${field}\` field. ${message}`),
  };
}

function mailboxList(value: unknown): string[] | null {
  const list: unknown = typeof value === 'string' ? [value] : value;
  const isTextList = Array.isArray(list) && list.every((item) => typeof item === 'string');
  return isTextList ? list : null;
}

function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

const MAILBOX_FORMAT =
  'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.';

function parseDraft(body: Record<string, unknown>): DraftResult {
  const { from, to, subject } = body;
  if (from === undefined) return missingField('from');
  if (to === undefined) return missingField('to');
  if (subject === undefined) return missingField('subject');
  if (typeof from !== 'string' || !MAILBOX.test(from)) return invalidField('from', MAILBOX_FORMAT);
  const recipients = mailboxList(to);
  if (!recipients || recipients.length === 0 || !recipients.every((r) => MAILBOX.test(r))) {
    return invalidField('to', MAILBOX_FORMAT);
  }
  if (recipients.length > MAX_RECIPIENTS) {
    return invalidField('to', `At most ${MAX_RECIPIENTS} recipients.`);
  }
  if (typeof subject !== 'string') return invalidField('subject', 'Expected a string.');
  return parseContent(body, { from, to: recipients, subject });
}

function parseContent(
  body: Record<string, unknown>,
  envelope: Pick<EmailDraft, 'from' | 'to' | 'subject'>,
): DraftResult {
  const text = optionalText(body.text);
  const html = optionalText(body.html);
  if (text === undefined) return invalidField('text', 'Expected a string.');
  if (html === undefined) return invalidField('html', 'Expected a string.');
  const replyTo = body.reply_to === undefined ? null : mailboxList(body.reply_to);
  if (body.reply_to !== undefined && !replyTo?.every((r) => MAILBOX.test(r))) {
    return invalidField('reply_to', MAILBOX_FORMAT);
  }
  return { ok: true, draft: { ...envelope, text, html, replyTo } };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...value }
      : null;
  } catch {
    return null;
  }
}

function sendOutcomeResponse(outcome: SendOutcome): SimResponse {
  if (outcome.kind === 'conflict') {
    const message = 'Same idempotency key used with a different request payload.';
    return resendError(409, 'invalid_idempotent_request', message);
  }
  return jsonResponse(200, toJsonText({ id: outcome.email.id }));
}

function isValidIdempotencyKey(key: string): boolean {
  return key.length > 0 && key.length <= MAX_IDEMPOTENCY_KEY_CHARS;
}

async function sendEmail(request: ProviderRequest, outbox: Outbox): Promise<SimResponse> {
  const idempotencyKey = singleHeader(request.headers, 'idempotency-key');
  if (idempotencyKey !== null && !isValidIdempotencyKey(idempotencyKey)) {
    const message = `Idempotency key must be between 1-${MAX_IDEMPOTENCY_KEY_CHARS} characters.`;
    return resendError(400, 'invalid_idempotency_key', message);
  }
  const text = await request.readBody();
  if (text === null) return resendError(413, 'validation_error', 'Request body is too large.');
  const body = parseJsonObject(text);
  if (body === null) {
    return resendFailure('invalid_request', 'The request body must be a JSON object.');
  }
  const draft = parseDraft(body);
  if (!draft.ok) return draft.response;

  const senderFingerprint = request.credentialFingerprint ?? '';
  return sendOutcomeResponse(outbox.send(draft.draft, { senderFingerprint, key: idempotencyKey }));
}

async function route(request: ProviderRequest, outbox: Outbox): Promise<SimResponse> {
  if (request.path !== EMAILS_PATH) return resendFailure('not_found');
  if (request.method !== 'POST') {
    return resendError(405, 'method_not_allowed', `Method ${request.method} not allowed.`);
  }
  return sendEmail(request, outbox);
}

/** Resend's `POST /emails`, delivering into the given outbox instead of the internet. */
export function createResendDialect(outbox: Outbox): ProviderDialect {
  return {
    name: 'resend',
    credential: bearerToken,
    authenticate,
    failure: resendFailure,
    handle: (request) => route(request, outbox),
  };
}
