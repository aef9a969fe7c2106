import { createExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { FetcherEntrypoint } from '../src/index';
import { clearCalls, fetcherEnv, googleCalls, serviceAccountKey, SETTINGS } from './harness';

function entrypoint(): FetcherEntrypoint {
  return new FetcherEntrypoint(createExecutionContext(), fetcherEnv({ secret: '' }).env);
}

beforeEach(clearCalls);

describe('FetcherEntrypoint.checkCredential (Google)', () => {
  it('accepts a key file that reads the billing account: a token, then one read', async () => {
    const key = await serviceAccountKey('checkok');

    expect(await entrypoint().checkCredential(key, 'req-1', SETTINGS)).toEqual({
      ok: true,
      value: null,
    });
    expect(await googleCalls()).toEqual([
      { method: 'POST', path: '/token', status: 200 },
      { method: 'GET', path: '/v1/billingAccounts/01ABCD-23EFGH-45IJKL', status: 200 },
    ]);
  });

  it.each([
    ['unauthorized', 'Google Cloud refused the service account key (400).'],
    ['forbidden', 'Google Cloud refused the service account key (403).'],
  ])('answers rejected for a %s key', async (mode, message) => {
    const key = await serviceAccountKey('checkno', mode);

    expect(await entrypoint().checkCredential(key, 'req-2', SETTINGS)).toEqual({
      ok: false,
      error: { code: 'rejected', message, retryable: false },
    });
  });

  it('answers upstream_error when Google fails', async () => {
    const key = await serviceAccountKey('checkdown', 'error500');

    expect(await entrypoint().checkCredential(key, 'req-3', SETTINGS)).toEqual({
      ok: false,
      error: {
        code: 'upstream_error',
        message: 'Google Cloud could not check the key (500).',
        retryable: true,
      },
    });
  });

  it.each([
    ['a pasted string', 'sk-admin-sim-acme', SETTINGS, 'credential Invalid input: expected object'],
    ['no settings', 'KEY', undefined, 'settings'],
    ['a key of another type', 'USER', SETTINGS, 'credential.type must be a service account key'],
  ])('refuses %s without calling Google', async (_case, secret, settings, message) => {
    const key = await serviceAccountKey('checkbad');
    const credential =
      secret === 'KEY' ? key : secret === 'USER' ? { ...key, type: 'authorized_user' } : secret;

    const result = await entrypoint().checkCredential(credential, 'req-4', settings);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_format' } });
    expect(result.ok ? '' : result.error.message).toContain(message);
    expect(await googleCalls()).toEqual([]);
  });
});
