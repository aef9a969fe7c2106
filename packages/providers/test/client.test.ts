import { describe, expect, it } from 'vitest';
import {
  createProviderClient,
  isAllowedOutbound,
  OutboundRefusedError,
  retryAfterSeconds,
  type ProviderClient,
} from '../src';

const ADMIN_KEY = 'sk-admin-test-client-0123456789';
const AUTH = { authorization: `Bearer ${ADMIN_KEY}` };
const COSTS = '/v1/organization/costs';

interface RecordedCall {
  url: string;
  init: RequestInit | undefined;
}

function fakeProvider(answer: () => Response | Promise<Response>) {
  const calls: RecordedCall[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    return answer();
  };
  return { calls, fetcher };
}

function openAiClient(fetcher: typeof fetch, timeoutMs?: number): ProviderClient {
  const options = { provider: 'openai', baseUrl: 'https://api.openai.com', fetcher } as const;
  return createProviderClient(timeoutMs === undefined ? options : { ...options, timeoutMs });
}

describe('createProviderClient', () => {
  it('sends a GET to the allowlisted path with query and headers, no redirects', async () => {
    const provider = fakeProvider(() => new Response('{"data":[]}'));
    const answer = await openAiClient(provider.fetcher).get(
      COSTS,
      [
        ['group_by', 'line_item'],
        ['group_by', 'project_id'],
      ],
      AUTH,
    );

    expect(answer).toEqual({ ok: true, value: '{"data":[]}' });
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]?.url).toBe(
      'https://api.openai.com/v1/organization/costs?group_by=line_item&group_by=project_id',
    );
    expect(provider.calls[0]?.init).toMatchObject({
      method: 'GET',
      redirect: 'manual',
      headers: { accept: 'application/json', ...AUTH },
    });
  });

  it.each([
    ['an unknown path', '/v1/organization/admin_api_keys'],
    ['another provider’s path', '/v1/organizations/cost_report'],
    ['a path to another origin', '//evil.example/v1/organization/costs'],
    ['a path without a leading slash', 'v1/organization/costs'],
    ['a path that climbs out', '/v1/organization/costs/../admin_api_keys'],
    ['a path with its own query', '/v1/organization/costs?project_ids=x'],
    ['an absolute URL', 'https://evil.example/v1/organization/costs'],
  ])('refuses %s before any network call', async (_case, path) => {
    const provider = fakeProvider(() => new Response('{}'));
    await expect(openAiClient(provider.fetcher).get(path, [], AUTH)).rejects.toThrow(
      OutboundRefusedError,
    );
    expect(provider.calls).toEqual([]);
  });

  it.each([
    ['plain http to a public host', 'http://api.openai.com'],
    ['plain http to a private address', 'http://10.0.0.7:8790'],
    ['a look-alike of loopback', 'http://127.0.0.1.evil.example'],
    ['a base URL with a path', 'https://api.openai.com/v1'],
    ['a base URL with credentials', 'https://user:pass@api.openai.com'],
    ['another scheme', 'ftp://api.openai.com'],
    ['text that is not a URL', 'api.openai.com'],
  ])('refuses %s as a base URL', (_case, baseUrl) => {
    expect(() => createProviderClient({ provider: 'openai', baseUrl })).toThrow(
      OutboundRefusedError,
    );
  });

  it.each([
    'https://api.openai.com',
    'http://127.0.0.1:8790',
    'http://127.9.8.7',
    'http://localhost:8790',
    'http://[::1]:8790',
  ])('accepts %s as a base URL', (baseUrl) => {
    expect(() => createProviderClient({ provider: 'openai', baseUrl })).not.toThrow();
  });

  it('does not follow a redirect to another origin', async () => {
    const redirect = () =>
      new Response(null, {
        status: 302,
        headers: { location: 'https://evil.example/v1/organization/costs' },
      });
    const provider = fakeProvider(redirect);
    const answer = await openAiClient(provider.fetcher).get(COSTS, [], AUTH);

    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        status: 302,
        message: 'the provider refused the call (302)',
        retryable: false,
      },
    });
    expect(provider.calls.map((call) => call.url)).toEqual([
      'https://api.openai.com/v1/organization/costs',
    ]);
  });

  it.each([
    [401, {}, { code: 'unauthorized', retryable: false }],
    [403, {}, { code: 'unauthorized', retryable: false }],
    [429, { 'retry-after': '7' }, { code: 'rate_limited', retryable: true, retryAfterSeconds: 7 }],
    [429, {}, { code: 'rate_limited', retryable: true, retryAfterSeconds: 30 }],
    [500, {}, { code: 'upstream', retryable: true }],
    [503, {}, { code: 'upstream', retryable: true }],
    [400, {}, { code: 'bad_request', retryable: false }],
    [404, {}, { code: 'bad_request', retryable: false }],
  ])('classifies a %i answer', async (status, headers, expected) => {
    const provider = fakeProvider(() => new Response('{"error":{}}', { status, headers }));
    const answer = await openAiClient(provider.fetcher).get(COSTS, [], AUTH);
    expect(answer).toMatchObject({ ok: false, error: { ...expected, status } });
  });

  it('answers upstream when the network fails', async () => {
    const provider = fakeProvider(() => Promise.reject(new TypeError('Network connection lost')));
    expect(await openAiClient(provider.fetcher).get(COSTS, [], AUTH)).toEqual({
      ok: false,
      error: {
        code: 'upstream',
        status: null,
        message: 'the provider is unreachable',
        retryable: true,
      },
    });
  });

  it('answers upstream when the provider does not answer in time', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    expect(await openAiClient(hang, 20).get(COSTS, [], AUTH)).toEqual({
      ok: false,
      error: {
        code: 'upstream',
        status: null,
        message: 'the provider did not answer in time',
        retryable: true,
      },
    });
  });

  it('never puts the key in a failure', async () => {
    for (const status of [401, 429, 500, 400]) {
      const provider = fakeProvider(() => new Response(ADMIN_KEY, { status }));
      const answer = await openAiClient(provider.fetcher).get(COSTS, [], AUTH);
      expect(JSON.stringify(answer)).not.toContain(ADMIN_KEY);
    }
  });
});

describe('isAllowedOutbound', () => {
  it.each([
    ['openai', 'GET', '/v1/organization/costs', true],
    ['openai', 'GET', '/v1/organization/usage/completions', true],
    ['openai', 'POST', '/v1/organization/costs', false],
    ['openai', 'DELETE', '/v1/organization/costs', false],
    ['openai', 'GET', '/v1/organization/admin_api_keys', false],
    ['openai', 'GET', '/v1/organizations/cost_report', false],
    ['anthropic', 'GET', '/v1/organizations/cost_report', true],
    ['anthropic', 'GET', '/v1/organizations/usage_report/messages', true],
    ['anthropic', 'POST', '/v1/organizations/api_keys', false],
    ['anthropic', 'GET', '/v1/messages', false],
  ] as const)('%s %s %s: %s', (provider, method, path, allowed) => {
    expect(isAllowedOutbound(provider, method, path)).toBe(allowed);
  });
});

describe('retryAfterSeconds', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it.each([
    ['120', 120],
    [' 5 ', 5],
    ['Thu, 01 Jan 2026 00:01:30 GMT', 90],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', 30],
    [null, 30],
  ])('reads %j as %i seconds', (header, seconds) => {
    expect(retryAfterSeconds(header, now)).toBe(seconds);
  });
});
