import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestEnv } from './env';
import { call, captureEmails, withJson, type SentEmail } from './helpers';

const testEnv = env as unknown as TestEnv;
const operator = { authorization: `Bearer ${testEnv.OPERATOR_TOKEN ?? ''}` };

afterEach(() => vi.restoreAllMocks());

let clientCounter = 0;
/** A fresh client address per test, so that the per-client limit of one test leaves others be. */
const newClient = () => `203.0.113.${(clientCounter += 1)}`;

function join(email: string, clientIp: string): Promise<Response> {
  const init = withJson({ email });
  return call('/api/v1/waitlist', {
    ...init,
    headers: { ...init.headers, 'cf-connecting-ip': clientIp },
  });
}

/** Waits for the emails sent after the answer (waitUntil). */
async function emailsFor(outbox: SentEmail[], count: number): Promise<SentEmail[]> {
  const deadline = Date.now() + 5000;
  while (outbox.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return outbox;
}

function confirmPath(email: SentEmail | undefined): string {
  const match = /https:\/\/stax\.test(\/waitlist\/confirm\?token=[\w-]+)/.exec(email?.text ?? '');
  if (!match?.[1]) throw new Error('no confirmation link in the email');
  return match[1];
}

async function confirmedEmails(): Promise<string[]> {
  const response = await call('/internal/waitlist?limit=500', { headers: operator });
  const body = (await response.json()) as { entries: Array<{ email: string }> };
  return body.entries.map((entry) => entry.email);
}

const SAME_ANSWER = {
  status: 'check_your_inbox',
  detail: 'If this address can join, an email with a confirmation link is on its way.',
};

describe('POST /api/v1/waitlist', () => {
  it('lists an address only after its emailed link is opened, and the link works once', async () => {
    const outbox = captureEmails();
    const answer = await join('Ada@Example.com', newClient());
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual(SAME_ANSWER);
    const [email] = await emailsFor(outbox, 1);
    expect(email?.to).toEqual(['ada@example.com']);
    expect(email?.subject).toBe('Confirm your place on the Stax waitlist');
    expect(await confirmedEmails()).not.toContain('ada@example.com');

    const confirmed = await call(confirmPath(email));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are on the Stax waitlist');
    expect(await confirmedEmails()).toContain('ada@example.com');

    const again = await call(confirmPath(email));
    expect(again.status).toBe(400);
  });

  it('answers a new, a pending and a confirmed address exactly alike', async () => {
    const outbox = captureEmails();
    await join('pending@example.com', newClient());
    await join('listed@example.com', newClient());
    const [, listedEmail] = await emailsFor(outbox, 2);
    await call(confirmPath(listedEmail));

    const answers = await Promise.all(
      ['fresh@example.com', 'pending@example.com', 'listed@example.com'].map(async (address) => {
        const response = await join(address, newClient());
        return {
          status: response.status,
          body: await response.text(),
          type: response.headers.get('content-type'),
        };
      }),
    );

    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]?.status).toBe(202);
    const emails = await emailsFor(outbox, 5);
    expect(emails).toHaveLength(5);
    const toListed = emails.slice(2).find((email) => email.to[0] === 'listed@example.com');
    expect(toListed?.subject).toBe('You are already on the Stax waitlist');
    expect(toListed?.text).not.toContain('/waitlist/confirm');
  });

  it('limits sign-ups per address, whatever the client', async () => {
    const outbox = captureEmails();
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await join('eager@example.com', newClient())).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(await emailsFor(outbox, 3)).toHaveLength(3);
  });

  it('limits sign-ups per client, whatever the address', async () => {
    const outbox = captureEmails();
    const client = newClient();
    const statuses = [];
    for (let attempt = 0; attempt < 21; attempt += 1) {
      statuses.push((await join(`bulk-${attempt}@example.com`, client)).status);
    }
    expect(statuses.filter((status) => status === 202)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    expect(await emailsFor(outbox, 20)).toHaveLength(20);
  });

  it('stores the rate-limit subjects hashed, never the address or the IP', async () => {
    const outbox = captureEmails();
    await join('hashed@example.com', '198.51.100.77');
    await emailsFor(outbox, 1);
    const rows = await testEnv.DB.prepare('SELECT subject_hash FROM waitlist_attempts').all<{
      subject_hash: string;
    }>();
    const text = JSON.stringify(rows.results);
    expect(text).not.toContain('hashed@example.com');
    expect(text).not.toContain('198.51.100.77');
    expect(rows.results.every((row) => /^[0-9a-f]{64}$/.test(row.subject_hash))).toBe(true);
  });

  it.each([[{}], [{ email: 'not-an-email' }], [{ email: 'a@example.com', plan: 'team' }]])(
    'answers 400 for %j',
    async (body) => {
      const response = await call('/api/v1/waitlist', withJson(body));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'validation_failed' });
    },
  );

  it.each(['', 'short', 'x'.repeat(43)])('refuses the confirmation token %j', async (token) => {
    const response = await call(`/waitlist/confirm?token=${token}`);
    expect(response.status).toBe(400);
  });
});

describe('GET /internal/waitlist', () => {
  it('answers 404 without operator access', async () => {
    const response = await call('/internal/waitlist', {
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(404);
  });
});
