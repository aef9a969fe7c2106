import type { z } from 'zod';
import { ApiError } from './api-error';

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON request body, refusing a wrong content type, a body over `maxBytes` (before
 * reading it all) and text that is not JSON.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number = DEFAULT_MAX_BODY_BYTES,
): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new ApiError('unsupported_media_type', {
      title: 'The request body must be JSON.',
      detail: 'Send it with Content-Type: application/json.',
    });
  }
  const text = await readTextBody(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('bad_request', { title: 'The request body is not valid JSON.' });
  }
}

/**
 * Reads a request body as UTF-8 text exactly as sent (a signed webhook is verified on these
 * bytes), refusing a body over `maxBytes` before reading it all.
 */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = new ApiError('payload_too_large', {
    title: `The request body is larger than ${maxBytes} bytes.`,
  });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge;
  if (!request.body) return '';

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge;
    }
    chunks.push(value);
  }
  return decodeUtf8(chunks, received);
}

function decodeUtf8(chunks: Uint8Array[], length: number): string {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError('bad_request', { title: 'The request body is not valid UTF-8.' });
  }
}

/** Parses input with a zod schema; the first issue becomes a 400 naming its field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  // An unknown key is the field at fault, not its parent object.
  if (issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const field = path.join('.') || undefined;
  throw new ApiError('validation_failed', {
    title: field ? `The field "${field}" is invalid.` : 'The request is invalid.',
    detail: issue?.message,
    field,
  });
}
