import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, redact } from '../src';

describe('redact', () => {
  it('hides secret fields whatever their value', () => {
    expect(redact({ credential: 'x', token: 'y', connectionId: 'con_1' })).toEqual({
      credential: '[redacted]',
      token: '[redacted]',
      connectionId: 'con_1',
    });
  });

  it.each([
    'sk-admin-sim-acme',
    'sk-ant-admin01-sim-acme',
    'stax_abcdefghijklmnopqrstuvwxyz',
    're_1234567890abc',
  ])('hides a value that looks like a secret: %s', (secret) => {
    expect(redact({ msg: `failed for ${secret} today` })).toEqual({
      msg: 'failed for [redacted] today',
    });
  });
});

describe('createLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON object a line with service and bound fields', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    createLogger('gateway', { requestId: 'req_1' }).info('synced', { records: 3 });
    const line = JSON.parse(String(log.mock.calls[0]?.[0])) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'synced',
      service: 'gateway',
      requestId: 'req_1',
      records: 3,
    });
  });
});
