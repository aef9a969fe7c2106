import { anthropicAdapter, openAiAdapter } from '@stax/providers';
import { describe, expect, it } from 'vitest';
import { checkCredential } from '../src';
import { fakeProvider } from './fakes';
import { json } from './pages';

const now = new Date('2026-03-02T10:00:00Z');
const OPENAI_KEY = 'sk-admin-check-0123456789';

function check(status: number, secret: unknown = OPENAI_KEY) {
  const provider = fakeProvider(() => json('{"data":[],"has_more":false}', status));
  const result = checkCredential(openAiAdapter, secret, 'https://api.openai.com', {
    fetcher: provider.fetcher,
    now,
  });
  return { result, provider };
}

describe('checkCredential', () => {
  it('accepts a key the provider answers for, with one narrow read of yesterday', async () => {
    const { result, provider } = check(200);
    expect(await result).toEqual({ ok: true, value: null });
    expect(provider.urls.map(String)).toEqual([
      'https://api.openai.com/v1/organization/costs?start_time=1772323200&limit=1',
    ]);
  });

  it.each([401, 403])('answers rejected on %i', async (status) => {
    expect(await check(status).result).toEqual({
      ok: false,
      error: {
        code: 'rejected',
        message: `OpenAI rejected the key (${status}).`,
        retryable: false,
      },
    });
  });

  it.each([
    [500, true],
    [429, true],
    [400, false],
  ])('answers upstream_error on %i (retryable: %s)', async (status, retryable) => {
    expect(await check(status).result).toMatchObject({
      ok: false,
      error: {
        code: 'upstream_error',
        message: `OpenAI could not check the key (${status}).`,
        retryable,
      },
    });
  });

  it.each([
    ['an Anthropic key', 'sk-ant-admin01-0123456789'],
    ['a project key', 'sk-proj-0123456789'],
    ['a JSON secret', { token: 'sk-admin-0123456789' }],
    ['an empty string', ''],
  ])('refuses %s without any network call', async (_case, secret) => {
    const { result, provider } = check(200, secret);
    expect(await result).toEqual({
      ok: false,
      error: {
        code: 'invalid_format',
        message: 'This is not in the format of OpenAI admin keys.',
        retryable: false,
      },
    });
    expect(provider.urls).toEqual([]);
  });

  it('sends the Anthropic headers on the Anthropic check', async () => {
    const seen: Headers[] = [];
    const fetcher: typeof fetch = async (_input, init) => {
      seen.push(new Headers(init?.headers));
      return json('{}', 200);
    };
    const result = await checkCredential(
      anthropicAdapter,
      'sk-ant-admin01-check-0123',
      'https://api.anthropic.com',
      { fetcher, now },
    );
    expect(result).toEqual({ ok: true, value: null });
    expect(seen[0]?.get('x-api-key')).toBe('sk-ant-admin01-check-0123');
    expect(seen[0]?.get('anthropic-version')).toBe('2023-06-01');
  });
});
