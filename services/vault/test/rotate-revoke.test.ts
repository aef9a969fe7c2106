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

const OLD_KEY = 'sk-admin-old-000000000000000';
const NEW_KEY = 'sk-admin-new-111111111111111';
const OPERATOR = { type: 'user', id: 'usr_aaaaaaaaaaaaaaaaaaaa' } as const;

describe('VaultEntrypoint.rotate', () => {
  it('replaces the envelope in place and keeps the connection', async () => {
    const ref = await stored(OLD_KEY);
    const before = await readEnvelope(ref);

    const rotated = await vault().rotate(storeInput(ref, NEW_KEY));

    expect(rotated).toEqual({
      ok: true,
      value: {
        provider: 'openai',
        kekVersion: 1,
        createdAt: expect.any(String),
        rotatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    });
    expect(await readEnvelope(ref)).not.toEqual(before);
    expect(await vault().reveal(revealInput(ref))).toEqual({
      ok: true,
      value: { secret: NEW_KEY },
    });
    expect(await auditActions(ref.workspaceId)).toEqual([
      'credential.stored',
      'credential.rotated',
      'credential.revealed',
    ]);
  });

  it('answers not_found for a connection without a credential, and stores nothing', async () => {
    const ref = newRef();

    expect(await vault().rotate(storeInput(ref, NEW_KEY))).toEqual(NOT_FOUND);
    expect(await rowExists(ref)).toBe(false);
  });

  it("answers not_found for another workspace's connection and leaves it alone", async () => {
    const ref = await stored(OLD_KEY);

    const foreign = { ...ref, workspaceId: newId('wsp') };

    expect(await vault().rotate(storeInput(foreign, NEW_KEY))).toEqual(NOT_FOUND);
    expect(await vault().reveal(revealInput(ref))).toEqual({
      ok: true,
      value: { secret: OLD_KEY },
    });
  });

  it('keeps the old credential when the KMS is down', async () => {
    const ref = await stored(OLD_KEY);

    const rotated = await vault({ KMS: env.KMS_THROWING }).rotate(storeInput(ref, NEW_KEY));

    expect(rotated).toEqual(KMS_UNAVAILABLE);
    expect(await vault().reveal(revealInput(ref))).toEqual({
      ok: true,
      value: { secret: OLD_KEY },
    });
  });

  it('puts the old envelope back when the rotation cannot be audited', async () => {
    const ref = await stored(OLD_KEY);
    const before = await readEnvelope(ref);

    const rotated = await vault({ AUDIT: env.AUDIT_REFUSING }).rotate(storeInput(ref, NEW_KEY));

    expect(rotated).toEqual(AUDIT_UNAVAILABLE);
    expect(await readEnvelope(ref)).toEqual(before);
    expect(await vault().describe(ref)).toMatchObject({ ok: true, value: { rotatedAt: null } });
  });
});

describe('VaultEntrypoint.revoke', () => {
  it('deletes the row at once, then reveal answers not_found', async ({ annotate }) => {
    const ref = await stored(OLD_KEY);

    const started = performance.now();
    const revoked = await vault().revoke({ ...ref, actor: OPERATOR, requestId: 'req-revoke' });
    const gone = !(await rowExists(ref));
    const elapsedMs = performance.now() - started;

    expect(revoked).toEqual({ ok: true, value: { deleted: true } });
    expect(gone).toBe(true);
    expect(elapsedMs).toBeLessThan(1000);
    await annotate(`revoke to row absence: ${elapsedMs.toFixed(1)} ms`);
    expect(await vault().reveal(revealInput(ref))).toEqual(NOT_FOUND);
  });

  it('audits the revoke with the provider and whether a row was deleted', async () => {
    const ref = await stored(OLD_KEY);

    await vault().revoke({ ...ref, actor: OPERATOR, requestId: 'req-revoke' });

    const events = await auditEvents(ref.workspaceId);
    expect(events[1]).toMatchObject({
      action: 'credential.revoked',
      outcome: 'success',
      actor: OPERATOR,
      detail: { provider: 'openai', deleted: true },
    });
  });

  it('answers deleted: false for a connection without a credential', async () => {
    const ref = newRef();

    const revoked = await vault().revoke({ ...ref, actor: OPERATOR, requestId: 'r' });

    expect(revoked).toEqual({ ok: true, value: { deleted: false } });
  });

  it('deletes even when the audit log is down, and asks for a retry', async () => {
    const ref = await stored(OLD_KEY);

    const revoked = await vault({ AUDIT: env.AUDIT_THROWING }).revoke({
      ...ref,
      actor: OPERATOR,
      requestId: 'r',
    });

    expect(revoked).toEqual({
      ok: false,
      error: {
        code: 'audit_unavailable',
        message: 'the credential is deleted; the audit log is unavailable',
        retryable: true,
      },
    });
    expect(await rowExists(ref)).toBe(false);
  });

  it("does not delete another workspace's credential", async () => {
    const ref = await stored(OLD_KEY);

    const revoked = await vault().revoke({
      ...ref,
      workspaceId: newId('wsp'),
      actor: OPERATOR,
      requestId: 'r',
    });

    expect(revoked).toEqual({ ok: true, value: { deleted: false } });
    expect(await rowExists(ref)).toBe(true);
  });
});
