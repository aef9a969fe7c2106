import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { KmsEntrypoint } from '../src/index';
import type { Env } from '../src/env';

function kms(overrides: Partial<Env> = {}): KmsEntrypoint {
  return new KmsEntrypoint(createExecutionContext(), { ...(env as Env), ...overrides });
}

const context = 'stax/credential/v1|wsp_a|con_a|openai';
const dataKey = new Uint8Array(32).fill(7);

describe('KmsEntrypoint', () => {
  it('unwraps what it wrapped, under the current KEK version', async () => {
    const wrapped = await kms().wrap(dataKey, context);
    if (!wrapped.ok) throw new Error('wrap failed');
    expect(wrapped.value.kekVersion).toBe(1);
    expect(wrapped.value.wrapped.byteLength).toBe(12 + 32 + 16);

    const unwrapped = await kms().unwrap(wrapped.value, context);
    expect(unwrapped).toEqual({ ok: true, value: dataKey });
  });

  it('refuses to unwrap under another context', async () => {
    const wrapped = await kms().wrap(dataKey, context);
    if (!wrapped.ok) throw new Error('wrap failed');
    const other = await kms().unwrap(wrapped.value, 'stax/credential/v1|wsp_b|con_a|openai');
    expect(other).toMatchObject({ ok: false, error: { code: 'unwrap_failed' } });
  });

  it('rewraps to a new current version without changing the data key', async () => {
    const old = await kms().wrap(dataKey, context);
    if (!old.ok) throw new Error('wrap failed');
    const rotated = kms({ KEK_CURRENT_VERSION: '2' });
    const rewrapped = await rotated.rewrap(old.value, context);
    if (!rewrapped.ok) throw new Error('rewrap failed');
    expect(rewrapped.value.kekVersion).toBe(2);
    expect(await rotated.unwrap(rewrapped.value, context)).toEqual({ ok: true, value: dataKey });
  });

  it('fails closed on a retired or unknown version', async () => {
    const old = await kms().wrap(dataKey, context);
    if (!old.ok) throw new Error('wrap failed');
    const retired = kms({ KEK_CURRENT_VERSION: '2', KEK_MIN_VERSION: '2' });
    expect(await retired.unwrap(old.value, context)).toMatchObject({
      ok: false,
      error: { code: 'retired_kek_version' },
    });
    expect(await kms().unwrap({ ...old.value, kekVersion: 9 }, context)).toMatchObject({
      ok: false,
      error: { code: 'unknown_kek_version' },
    });
  });

  it('has no HTTP surface', async () => {
    const response = await (env as unknown as { SELF?: Fetcher }).SELF;
    expect(response).toBeUndefined();
  });
});
