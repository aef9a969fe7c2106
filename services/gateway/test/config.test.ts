import { describe, expect, it } from 'vitest';
import { localMailboxUrl } from '../src/config/config.routes';
import { call } from './helpers';

describe('GET /api/v1/config', () => {
  it('answers without a session and points at no mailbox outside local development', async () => {
    const response = await call('/api/v1/config');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ localMailboxUrl: null });
  });
});

describe('localMailboxUrl', () => {
  it.each([
    ['http://localhost:8787', 'http://127.0.0.1:8790', 'http://127.0.0.1:8790/_sim/emails'],
    ['http://127.0.0.1:28787', 'http://127.0.0.1:28790/', 'http://127.0.0.1:28790/_sim/emails'],
    ['https://stax.example', 'http://127.0.0.1:8790', null],
    ['http://localhost:8787', 'https://api.resend.com', null],
    ['http://localhost.example.com', 'http://127.0.0.1:8790', null],
    ['not a url', 'http://127.0.0.1:8790', null],
  ])('for the app at %s and mail at %s is %s', (appUrl, resendUrl, expected) => {
    expect(localMailboxUrl({ APP_URL: appUrl, RESEND_BASE_URL: resendUrl })).toBe(expected);
  });
});
