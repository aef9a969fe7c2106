import { createExecutionContext } from 'cloudflare:test';
import { callsWithKey } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { FetcherEntrypoint } from '../src/index';
import { fetcherEnv } from './harness';

function entrypoint(): FetcherEntrypoint {
  return new FetcherEntrypoint(createExecutionContext(), fetcherEnv({ secret: '' }).env);
}

describe('FetcherEntrypoint.checkCredential (Anthropic)', () => {
  it('accepts a key Anthropic answers for, after one read of one bucket of costs', async () => {
    const key = 'sk-ant-admin01-sim-checkok';
    expect(await entrypoint().checkCredential(key, 'req-1')).toEqual({ ok: true, value: null });

    const calls = await callsWithKey(key);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/v1/organizations/cost_report');
    expect(new URLSearchParams(calls[0]?.query).get('limit')).toBe('1');
  });

  it.each([
    ['sk-ant-admin01-sim-acme-unauthorized', 401],
    ['sk-ant-admin01-sim-acme-forbidden', 403],
  ])('answers rejected for %s', async (key, status) => {
    expect(await entrypoint().checkCredential(key, 'req-2')).toEqual({
      ok: false,
      error: {
        code: 'rejected',
        message: `Anthropic rejected the key (${status}).`,
        retryable: false,
      },
    });
  });

  it('answers upstream_error when Anthropic fails', async () => {
    expect(await entrypoint().checkCredential('sk-ant-admin01-sim-acme-error500', 'req-3')).toEqual(
      {
        ok: false,
        error: {
          code: 'upstream_error',
          message: 'Anthropic could not check the key (500).',
          retryable: true,
        },
      },
    );
  });

  it.each([
    ['an OpenAI key', 'sk-admin-sim-acme', 'req-4'],
    ['a JSON secret', { key: 'sk-ant-admin01-sim-acme' }, 'req-5'],
    ['an oversized request id', 'sk-ant-admin01-sim-acme', 'r'.repeat(65)],
  ])('refuses %s without calling Anthropic', async (_case, secret, requestId) => {
    const before = await callsWithKey('sk-ant-admin01-sim-acme');
    const result = await entrypoint().checkCredential(secret, requestId);

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_format', retryable: false },
    });
    expect(await callsWithKey('sk-ant-admin01-sim-acme')).toEqual(before);
  });
});
