import { describe, expect, it } from 'vitest';
import { anthropicAuth, openAiAuth, useSimulator } from './simulator-harness';

const sim = useSimulator();
const OPENAI_COSTS = '/v1/organization/costs?start_time=1767225600&end_time=1767312000';
const ANTHROPIC_COSTS =
  '/v1/organizations/cost_report?starting_at=2026-01-01T00:00:00Z&ending_at=2026-01-02T00:00:00Z';

const OPENAI_BAD_KEY = {
  error: {
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
};

const anthropicError = (type: string, message: string) => ({
  type: 'error',
  error: { type, message },
});

describe('OpenAI authentication', () => {
  it('refuses a request without an Authorization header', async () => {
    const response = await sim.get(OPENAI_COSTS);

    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual({
      error: {
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it.each([
    'sk-admin-live-acme',
    'sk-admin-sim-Acme',
    'sk-admin-sim-acme-bogus',
    'sk-admin-sim-',
    'sk-ant-admin01-sim-acme',
    'sk-admin-sim-acme-unauthorized',
  ])('refuses %s with 401 invalid_api_key', async (key) => {
    const response = await sim.get(OPENAI_COSTS, openAiAuth(key));

    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual(OPENAI_BAD_KEY);
  });

  it('answers a forbidden key with 403', async () => {
    const response = await sim.get(OPENAI_COSTS, openAiAuth('sk-admin-sim-acme-forbidden'));

    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({
      error: {
        message:
          'You have insufficient permissions for this operation. Missing scopes: api.usage.read.',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('answers an error500 key with 500 every time', async () => {
    const auth = openAiAuth('sk-admin-sim-acme-error500');
    const statuses = [
      (await sim.get(OPENAI_COSTS, auth)).status,
      (await sim.get(OPENAI_COSTS, auth)).status,
    ];
    const response = await sim.get(OPENAI_COSTS, auth);

    expect(statuses).toEqual([500, 500]);
    expect(JSON.parse(response.text)).toEqual({
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
  });

  it('rate-limits the first request of each path and query once, then succeeds', async () => {
    const auth = openAiAuth('sk-admin-sim-acme-ratelimited');
    const first = await sim.get(OPENAI_COSTS, auth);
    const second = await sim.get(OPENAI_COSTS, auth);
    const otherQuery = await sim.get(`${OPENAI_COSTS}&limit=2`, auth);

    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(first.text)).toEqual({
      error: {
        message: 'Rate limit reached for requests. Please try again in 1s.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    expect(second.status).toBe(200);
    expect(second.text).toBe((await sim.get(OPENAI_COSTS, openAiAuth('sk-admin-sim-acme'))).text);
    expect(otherQuery.status).toBe(429);
  });

  it('holds every answer to a slow key for 1.5 s', async () => {
    const started = performance.now();
    const response = await sim.get(OPENAI_COSTS, openAiAuth('sk-admin-sim-acme-slow'));

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1450);
  });
});

describe('Anthropic authentication', () => {
  it('refuses a request without x-api-key', async () => {
    const response = await sim.get(ANTHROPIC_COSTS, { 'anthropic-version': '2023-06-01' });

    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual(
      anthropicError('authentication_error', 'x-api-key header is required'),
    );
  });

  it.each([
    'sk-ant-admin01-live-acme',
    'sk-ant-admin01-sim-acme-nope',
    'sk-admin-sim-acme',
    'sk-ant-admin01-sim-acme-unauthorized',
  ])('refuses %s with 401 authentication_error', async (key) => {
    const response = await sim.get(ANTHROPIC_COSTS, anthropicAuth(key));

    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual(
      anthropicError('authentication_error', 'invalid x-api-key'),
    );
  });

  it.each([
    [undefined, 'anthropic-version: header is required'],
    ['2024-01-01', "anthropic-version: unknown version '2024-01-01'"],
  ])('answers anthropic-version %s with 400', async (version, message) => {
    const headers: Record<string, string> = { 'x-api-key': 'sk-ant-admin01-sim-acme' };
    if (version) headers['anthropic-version'] = version;
    const response = await sim.get(ANTHROPIC_COSTS, headers);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual(anthropicError('invalid_request_error', message));
  });

  it.each([
    [
      'forbidden',
      403,
      'permission_error',
      'Your API key does not have permission to use the specified resource.',
    ],
    ['error500', 500, 'api_error', 'Internal server error'],
  ])('answers a %s key with %i %s', async (mode, status, type, message) => {
    const response = await sim.get(
      ANTHROPIC_COSTS,
      anthropicAuth(`sk-ant-admin01-sim-acme-${mode}`),
    );

    expect(response.status).toBe(status);
    expect(JSON.parse(response.text)).toEqual(anthropicError(type, message));
  });

  it('rate-limits the first request of each path and query once, then succeeds', async () => {
    const auth = anthropicAuth('sk-ant-admin01-sim-acme-ratelimited');
    const first = await sim.get(ANTHROPIC_COSTS, auth);
    const second = await sim.get(ANTHROPIC_COSTS, auth);

    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(first.text)).toEqual(
      anthropicError('rate_limit_error', 'Number of requests has exceeded your rate limit.'),
    );
    expect(second.status).toBe(200);
  });

  it('holds every answer to a slow key for 1.5 s', async () => {
    const started = performance.now();
    const response = await sim.get(ANTHROPIC_COSTS, anthropicAuth('sk-ant-admin01-sim-acme-slow'));

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1450);
  });
});

describe('paths no provider owns', () => {
  it('answer a plain 404', async () => {
    const response = await sim.get('/nothing-here');

    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({ error: 'not found' });
  });
});
