import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, parseWith, problemResponse, readJsonBody, readQuery } from '../src';

function jsonRequest(body: string, contentType = 'application/json'): Request {
  return new Request('https://stax.test/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error('expected an ApiError');
}

describe('readJsonBody', () => {
  it('reads JSON', async () => {
    expect(await readJsonBody(jsonRequest('{"a":1}'))).toEqual({ a: 1 });
  });

  it.each([
    ['{"a":', 'application/json', 'bad_request'],
    ['{}', 'text/plain', 'unsupported_media_type'],
    [`{"a":"${'x'.repeat(100)}"}`, 'application/json', 'payload_too_large'],
  ])('refuses %j sent as %s with %s', async (body, contentType, code) => {
    const error = await refusal(readJsonBody(jsonRequest(body, contentType), 64));
    expect(error.code).toBe(code);
  });
});

describe('parseWith', () => {
  const Schema = z.strictObject({
    name: z.string().min(1),
    nested: z.strictObject({ n: z.number() }),
  });

  it.each([
    [{ nested: { n: 1 } }, 'name'],
    [{ name: 'x', nested: { n: 'one' } }, 'nested.n'],
    [{ name: 'x', nested: { n: 1 }, extra: true }, 'extra'],
  ])('names the field at fault in %j', (input, field) => {
    expect(() => parseWith(Schema, input)).toThrow(ApiError);
    try {
      parseWith(Schema, input);
    } catch (error) {
      expect(error).toMatchObject({ code: 'validation_failed', status: 400, field });
    }
  });
});

describe('problemResponse', () => {
  it('renders problem+json with the code and request id, and no internal cause', async () => {
    const error = new ApiError('not_found', {
      title: 'Nothing.',
      cause: new Error('secret detail'),
    });
    const response = problemResponse(error, 'req_1');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'https://stax.dev/problems/not-found',
      title: 'Nothing.',
      status: 404,
      code: 'not_found',
      requestId: 'req_1',
    });
  });
});

describe('readQuery', () => {
  it('reads one value per parameter', () => {
    const request = new Request('https://stax.test/?from=2026-01-01&to=2026-02-01');
    expect(readQuery(request)).toEqual({ from: '2026-01-01', to: '2026-02-01' });
  });

  it('refuses a parameter given twice, naming it', () => {
    const request = new Request('https://stax.test/?from=2026-01-01&from=2025-01-01');
    expect(() => readQuery(request)).toThrow(ApiError);
    try {
      readQuery(request);
    } catch (error) {
      expect(error).toMatchObject({ code: 'validation_failed', field: 'from' });
    }
  });
});
