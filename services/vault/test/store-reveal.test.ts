import { env } from 'cloudflare:workers';
import { newId } from '@stax/contracts';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_UNAVAILABLE,
  KMS_UNAVAILABLE,
  NOT_FOUND,
  auditActions,
  auditEvents,
  newRef,
  readEnvelope,
  revealInput,
  rowExists,
  storeInput,
  stored,
  vault,
} from './helpers';

const ADMIN_KEY = 'sk-admin-0123456789abcdefghij';
const SERVICE_ACCOUNT = {
  type: 'service_account',
  client_email: 'stax@example.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
};

describe('VaultEntrypoint.store and reveal', () => {
  it.each([
    ['an API key string', ADMIN_KEY],
    ['a JSON object credential', SERVICE_ACCOUNT],
  ])('round-trips %s', async (_case, secret) => {
    const ref = await stored(secret);

    expect(await vault().reveal(revealInput(ref))).toEqual({ ok: true, value: { secret } });
  });

  it('returns what it stored, never the secret or the envelope', async () => {
    const ref = newRef('anthropic');

    const result = await vault().store(storeInput(ref, ADMIN_KEY));

    expect(result).toEqual({
      ok: true,
      value: {
        provider: 'anthropic',
        kekVersion: 1,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        rotatedAt: null,
      },
    });
  });

  it('keeps no plaintext in the row', async () => {
    const ref = await stored(ADMIN_KEY);

    const envelope = new TextDecoder().decode(await readEnvelope(ref));

    expect(envelope).not.toContain(ADMIN_KEY);
    expect(envelope).not.toContain('secret');
  });

  it('audits the store with provider and KEK version only', async () => {
    const ref = await stored(ADMIN_KEY);

    const [event] = await auditEvents(ref.workspaceId);

    expect(event).toMatchObject({
      action: 'credential.stored',
      outcome: 'success',
      connectionId: ref.connectionId,
      actor: { type: 'user', id: 'usr_aaaaaaaaaaaaaaaaaaaa' },
      detail: { provider: 'openai', kekVersion: 1 },
    });
    expect(JSON.stringify(event)).not.toContain(ADMIN_KEY);
  });

  it('refuses a second store for the same connection and keeps the first', async () => {
    const ref = await stored(ADMIN_KEY);

    const second = await vault().store(storeInput(ref, 'sk-other'));

    expect(second).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: 'this connection already has a credential; rotate it instead',
        retryable: false,
      },
    });
    expect(await vault().reveal(revealInput(ref))).toEqual({
      ok: true,
      value: { secret: ADMIN_KEY },
    });
  });

  it('stores nothing and says kms_unavailable when the KMS is down', async () => {
    const ref = newRef();

    const result = await vault({ KMS: env.KMS_THROWING }).store(storeInput(ref, ADMIN_KEY));

    expect(result).toEqual(KMS_UNAVAILABLE);
    expect(await rowExists(ref)).toBe(false);
    expect(await auditActions(ref.workspaceId)).toEqual([]);
  });

  it.each([
    ['throws', 'AUDIT_THROWING'],
    ['refuses', 'AUDIT_REFUSING'],
  ] as const)('keeps no credential when the audit log %s', async (_case, binding) => {
    const ref = newRef();

    const result = await vault({ AUDIT: env[binding] }).store(storeInput(ref, ADMIN_KEY));

    expect(result).toEqual(AUDIT_UNAVAILABLE);
    expect(await rowExists(ref)).toBe(false);
  });
});

describe('VaultEntrypoint.reveal', () => {
  it('appends credential.revealed with job, purpose and provider', async () => {
    const ref = await stored(ADMIN_KEY);

    await vault().reveal(revealInput(ref));

    const events = await auditEvents(ref.workspaceId);
    expect(events.map((event) => event.action)).toEqual([
      'credential.stored',
      'credential.revealed',
    ]);
    expect(events[1]).toMatchObject({
      outcome: 'success',
      actor: { type: 'system', id: 'job_aaaaaaaaaaaaaaaaaaaa' },
      detail: { provider: 'openai', jobId: 'job_aaaaaaaaaaaaaaaaaaaa', purpose: 'sync' },
    });
  });

  it('audits before it decrypts: the event exists even when the KMS then fails', async () => {
    const ref = await stored(ADMIN_KEY);

    const result = await vault({ KMS: env.KMS_THROWING }).reveal(revealInput(ref));

    expect(result).toEqual(KMS_UNAVAILABLE);
    expect(await auditActions(ref.workspaceId)).toEqual([
      'credential.stored',
      'credential.revealed',
    ]);
  });

  it.each([
    ['throws', 'AUDIT_THROWING'],
    ['refuses', 'AUDIT_REFUSING'],
  ] as const)('returns no plaintext when the audit log %s', async (_case, binding) => {
    const ref = await stored(ADMIN_KEY);

    const result = await vault({ AUDIT: env[binding] }).reveal(revealInput(ref));

    expect(result).toEqual(AUDIT_UNAVAILABLE);
    expect(JSON.stringify(result)).not.toContain(ADMIN_KEY);
    expect(await auditActions(ref.workspaceId)).toEqual(['credential.stored']);
  });

  it("answers not_found for another workspace's connection, as for a missing one", async () => {
    const ref = await stored(ADMIN_KEY);
    const foreign = { ...ref, workspaceId: newId('wsp') };

    expect(await vault().reveal(revealInput(foreign))).toEqual(NOT_FOUND);
    expect(await vault().reveal(revealInput(newRef()))).toEqual(NOT_FOUND);
    expect(await auditActions(ref.workspaceId)).toEqual(['credential.stored']);
  });

  it('answers not_found when the provider named is not the stored one', async () => {
    const ref = await stored(ADMIN_KEY);

    expect(await vault().reveal(revealInput({ ...ref, provider: 'anthropic' }))).toEqual(NOT_FOUND);
  });
});

describe('VaultEntrypoint.describe', () => {
  it('describes a stored credential and nothing else', async () => {
    const ref = await stored(ADMIN_KEY);

    const described = await vault().describe(ref);

    expect(described).toEqual({
      ok: true,
      value: { provider: 'openai', kekVersion: 1, createdAt: expect.any(String), rotatedAt: null },
    });
  });

  it('answers not_found for another workspace', async () => {
    const ref = await stored(ADMIN_KEY);

    expect(await vault().describe({ ...ref, workspaceId: newId('wsp') })).toEqual(NOT_FOUND);
  });
});

describe('vault input validation', () => {
  const ref = { workspaceId: newId('wsp'), connectionId: newId('con'), provider: 'openai' };
  const store = { ...ref, secret: ADMIN_KEY, actor: { type: 'user', id: 'u' }, requestId: 'r' };

  it.each([
    ['an oversized secret', { ...store, secret: 'x'.repeat(16 * 1024 + 1) }, 'secret'],
    ['an empty secret', { ...store, secret: '' }, 'secret'],
    ['a secret that is a number', { ...store, secret: 42 }, 'secret'],
    ['a nested JSON secret', { ...store, secret: { a: { b: 'c' } } }, 'secret'],
    ['an unknown provider', { ...store, provider: 'openai2' }, 'provider'],
    ['a malformed workspace id', { ...store, workspaceId: "wsp_' OR 1=1 --" }, 'workspaceId'],
    ['a connection id of another kind', { ...store, connectionId: newId('job') }, 'connectionId'],
    ['an extra field', { ...store, kekVersion: 1 }, '(input)'],
  ])(
    'refuses to store %s, before any KMS call, without echoing it',
    async (_case, input, field) => {
      const result = await vault({ KMS: env.KMS_THROWING }).store(input as never);

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid_request',
          message: `invalid vault request: ${field}`,
          retryable: false,
        },
      });
      expect(JSON.stringify(result)).not.toContain(ADMIN_KEY);
    },
  );

  it.each([
    ['a missing job id', { ...ref, purpose: 'sync', requestId: 'r' }, 'jobId'],
    [
      'an unknown purpose',
      { ...ref, jobId: newId('job'), purpose: 'export', requestId: 'r' },
      'purpose',
    ],
  ])('refuses to reveal with %s', async (_case, input, field) => {
    expect(await vault().reveal(input as never)).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: `invalid vault request: ${field}`,
        retryable: false,
      },
    });
  });
});
