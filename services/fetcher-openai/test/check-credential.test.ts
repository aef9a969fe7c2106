import { createExecutionContext } from 'cloudflare:test';
import { callsWithKey } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { FetcherEntrypoint } from '../src/index';
import { fetcherEnv } from './harness';

function entrypoint(): FetcherEntrypoint {
  return new FetcherEntrypoint(createExecutionContext(), fetcherEnv({ secret: '' }).env);
}

describe('FetcherEntrypoint.checkCredential (OpenAI)', () => {
  it('accepts a key OpenAI answers for, with one read of one bucket of costs', async () => {
    const key = 'sk-admin-sim-checkok';
    expect(await entrypoint().checkCredential(key, 'req-1')).toEqual({ ok: true, value: null });

    const calls = await callsWithKey(key);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/v1/organization/costs');
    expect(new URLSearchParams(calls[0]?.query).get('limit')).toBe('1');
  });

  it.each([
    ['sk-admin-sim-acme-unauthorized', 401],
    ['sk-admin-sim-acme-forbidden', 403],
  ])('answers rejected for %s', async (key, status) => {
    expect(await entrypoint().checkCredential(key, 'req-2')).toEqual({
      ok: false,
      error: {
        code: 'rejected',
        message: `OpenAI rejected the key (${status}).`,
        retryable: false,
      },
    });
  });

  it('answers upstream_error when OpenAI fails', async () => {
    expect(await entrypoint().checkCredential('sk-admin-sim-acme-error500', 'req-3')).toEqual({
      ok: false,
      error: {
        code: 'upstream_error',
        message: 'OpenAI could not check the key (500).',
        retryable: true,
      },
    });
  });

  it.each([
    ['an Anthropic key', 'sk-ant-admin01-sim-acme', 'req-4'],
    ['a JSON secret', { key: 'sk-admin-sim-acme' }, 'req-5'],
    ['an oversized request id', 'sk-admin-sim-acme', 'r'.repeat(65)],
  ])('refuses %s without calling OpenAI', async (_case, secret, requestId) => {
    const before = await callsWithKey('sk-admin-sim-acme');
    const result = await entrypoint().checkCredential(secret, requestId);

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_format', retryable: false },
    });
    expect(await callsWithKey('sk-admin-sim-acme')).toEqual(before);
  });
});
