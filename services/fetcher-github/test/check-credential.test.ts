import { createExecutionContext } from 'cloudflare:test';
import { callsWithKey } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { FetcherEntrypoint } from '../src/index';
import { fetcherEnv } from './harness';

function entrypoint(): FetcherEntrypoint {
  return new FetcherEntrypoint(createExecutionContext(), fetcherEnv({ secret: '' }).env);
}

describe('FetcherEntrypoint.checkCredential (GitHub)', () => {
  it('accepts a token that reads the organization, with one read of the seat summary', async () => {
    const token = 'ghp_sim_checkok';
    expect(await entrypoint().checkCredential(token, 'req-1', { org: 'acme' })).toEqual({
      ok: true,
      value: null,
    });
    expect((await callsWithKey(token)).map((call) => call.path)).toEqual([
      '/orgs/acme/copilot/billing',
    ]);
  });

  it('answers rejected when GitHub refuses the token', async () => {
    const result = await entrypoint().checkCredential('ghp_sim_acme-forbidden', 'req-2', {
      org: 'acme',
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'rejected', message: 'GitHub rejected the key (403).', retryable: false },
    });
  });

  it.each([
    ['no organization', 'ghp_sim_acme', undefined],
    ['a bad organization name', 'ghp_sim_acme', { org: '../admin' }],
    ['a Cursor key', `key_${'a'.repeat(64)}`, { org: 'acme' }],
  ])('refuses %s without calling GitHub', async (_case, secret, settings) => {
    const result = await entrypoint().checkCredential(secret, 'req-3', settings);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_format' } });
  });
});
