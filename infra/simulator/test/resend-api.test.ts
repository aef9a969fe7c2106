import { beforeEach, describe, expect, it } from 'vitest';
import { useSimulator } from './simulator-harness';

const sim = useSimulator();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ALERT = {
  from: 'Stax <alerts@stax.example>',
  to: 'ops@acme.example',
  subject: 'Budget reached',
  text: 'You spent 80% of the May budget.',
};

function sendEmail(body: unknown, headers: Record<string, string> = {}) {
  return sim.call('POST', '/emails', {
    headers: {
      authorization: 'Bearer re_test_123',
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function outbox(query = ''): Promise<Array<Record<string, unknown>>> {
  return JSON.parse((await sim.get(`/_sim/emails${query}`)).text) as Array<Record<string, unknown>>;
}

beforeEach(async () => {
  await sim.call('DELETE', '/_sim/emails');
});

describe('POST /emails', () => {
  it('accepts an email, answers its id and keeps it in the outbox', async () => {
    const response = await sendEmail({ ...ALERT, reply_to: 'billing@stax.example' });
    const { id } = JSON.parse(response.text) as { id: string };
    const [stored] = await outbox();

    expect(response.status).toBe(200);
    expect(id).toMatch(UUID);
    expect(stored).toEqual({
      id,
      from: 'Stax <alerts@stax.example>',
      to: ['ops@acme.example'],
      subject: 'Budget reached',
      text: 'You spent 80% of the May budget.',
      html: null,
      replyTo: ['billing@stax.example'],
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      idempotencyKey: null,
    });
  });

  it('returns the same id for a repeated Idempotency-Key and stores nothing new', async () => {
    const first = await sendEmail(ALERT, { 'idempotency-key': 'budget-80/acme/2026-05' });
    const again = await sendEmail(ALERT, { 'idempotency-key': 'budget-80/acme/2026-05' });
    const emails = await outbox();

    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.idempotencyKey).toBe('budget-80/acme/2026-05');
  });

  it('refuses an Idempotency-Key reused for another payload with 409', async () => {
    await sendEmail(ALERT, { 'idempotency-key': 'k1' });
    const response = await sendEmail({ ...ALERT, subject: 'Other' }, { 'idempotency-key': 'k1' });

    expect(response.status).toBe(409);
    expect(JSON.parse(response.text)).toEqual({
      statusCode: 409,
      name: 'invalid_idempotent_request',
      message: 'Same idempotency key used with a different request payload.',
    });
    expect(await outbox()).toHaveLength(1);
  });

  it('lists emails oldest first and filters by recipient', async () => {
    await sendEmail({ ...ALERT, to: ['ops@acme.example', 'cfo@acme.example'], subject: 'one' });
    await sendEmail({ ...ALERT, to: 'Dev <dev@acme.example>', subject: 'two' });
    await sendEmail({ ...ALERT, subject: 'three' });

    expect((await outbox()).map((email) => email.subject)).toEqual(['one', 'two', 'three']);
    expect((await outbox('?to=ops@acme.example')).map((email) => email.subject)).toEqual([
      'one',
      'three',
    ]);
    expect((await outbox('?to=dev@acme.example')).map((email) => email.subject)).toEqual(['two']);
  });

  it.each([
    ['to', { from: ALERT.from, subject: 's' }],
    ['subject', { from: ALERT.from, to: ALERT.to }],
    ['from', { to: ALERT.to, subject: 's' }],
  ])('answers a missing %s with 422 missing_required_field', async (field, body) => {
    const response = await sendEmail(body);

    expect(response.status).toBe(422);
    expect(JSON.parse(response.text)).toEqual({
      statusCode: 422,
      name: 'missing_required_field',
      message: `Missing \`${field}\` field.`,
    });
    expect(await outbox()).toEqual([]);
  });

  it.each([
    ['from', { ...ALERT, from: 'not an address' }],
    ['to', { ...ALERT, to: ['ok@acme.example', 'broken'] }],
    ['to', { ...ALERT, to: [] }],
  ])('answers an invalid %s with 422 validation_error', async (field, body) => {
    const response = await sendEmail(body);

    expect(response.status).toBe(422);
    expect(JSON.parse(response.text)).toEqual({
      statusCode: 422,
      name: 'validation_error',
      message: `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
    });
  });

  it('answers a body that is not a JSON object with 422', async () => {
    const response = await sim.call('POST', '/emails', {
      headers: { authorization: 'Bearer re_test_123' },
      body: 'to=ops@acme.example',
    });

    expect(response.status).toBe(422);
    expect(JSON.parse(response.text)).toEqual({
      statusCode: 422,
      name: 'validation_error',
      message: 'The request body must be a JSON object.',
    });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await sendEmail({ ...ALERT, html: 'x'.repeat(1024 * 1024) });

    expect(response.status).toBe(413);
    expect(await outbox()).toEqual([]);
  });

  it('refuses a missing key and a foreign key with 401', async () => {
    const missing = await sim.call('POST', '/emails', { body: JSON.stringify(ALERT) });
    const foreign = await sendEmail(ALERT, { authorization: 'Bearer sk-admin-sim-acme' });

    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text)).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
    expect(foreign.status).toBe(401);
    expect(JSON.parse(foreign.text)).toEqual({
      statusCode: 401,
      name: 'validation_error',
      message: 'API key is invalid',
    });
  });

  it('answers other methods with 405', async () => {
    const response = await sim.get('/emails', { authorization: 'Bearer re_test_123' });

    expect(response.status).toBe(405);
    expect(JSON.parse(response.text)).toEqual({
      statusCode: 405,
      name: 'method_not_allowed',
      message: 'Method GET not allowed.',
    });
  });
});

describe('DELETE /_sim/emails', () => {
  it('empties the outbox and forgets idempotency keys', async () => {
    const first = await sendEmail(ALERT, { 'idempotency-key': 'k2' });
    const cleared = await sim.call('DELETE', '/_sim/emails');
    const second = await sendEmail(ALERT, { 'idempotency-key': 'k2' });

    expect(JSON.parse(cleared.text)).toEqual({ deleted: 1 });
    expect(second.text).not.toBe(first.text);
    expect(await outbox()).toHaveLength(1);
  });
});
