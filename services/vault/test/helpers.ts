import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import {
  newId,
  type AuditEvent,
  type CredentialRef,
  type RevealCredential,
  type Secret,
  type StoreCredential,
} from '@stax/contracts';
import { expect } from 'vitest';
import type { Env } from '../src/env';
import { VaultEntrypoint } from '../src/index';

/** The vault over the test D1, with bindings swapped where a test needs another KMS or audit. */
export function vault(overrides: Partial<Env> = {}): VaultEntrypoint {
  return new VaultEntrypoint(createExecutionContext(), { ...env, ...overrides });
}

/** A fresh credential reference in a fresh workspace. */
export function newRef(provider: CredentialRef['provider'] = 'openai'): CredentialRef {
  return { workspaceId: newId('wsp'), connectionId: newId('con'), provider };
}

export function storeInput(ref: CredentialRef, secret: Secret): StoreCredential {
  return {
    ...ref,
    secret,
    actor: { type: 'user', id: 'usr_aaaaaaaaaaaaaaaaaaaa' },
    requestId: 'req-store',
  };
}

export function revealInput(ref: CredentialRef): RevealCredential {
  return { ...ref, jobId: 'job_aaaaaaaaaaaaaaaaaaaa', purpose: 'sync', requestId: 'req-reveal' };
}

/** Stores a credential and fails the test if the vault refuses. */
export async function stored(
  secret: Secret,
  ref: CredentialRef = newRef(),
): Promise<CredentialRef> {
  const result = await vault().store(storeInput(ref, secret));
  expect(result.ok).toBe(true);
  return ref;
}

/** The envelope BLOB of a row, read straight from D1. */
export async function readEnvelope(ref: CredentialRef): Promise<Uint8Array> {
  const row = await env.VAULT_DB.prepare(
    'SELECT envelope FROM credentials WHERE workspace_id = ? AND connection_id = ?',
  )
    .bind(ref.workspaceId, ref.connectionId)
    .first<{ envelope: number[] }>();
  if (!row) throw new Error('no such row');
  return Uint8Array.from(row.envelope);
}

/** Overwrites the envelope of a row in D1, as someone with database access could. */
export async function writeEnvelope(ref: CredentialRef, envelope: Uint8Array): Promise<void> {
  await env.VAULT_DB.prepare(
    'UPDATE credentials SET envelope = ? WHERE workspace_id = ? AND connection_id = ?',
  )
    .bind(envelope, ref.workspaceId, ref.connectionId)
    .run();
}

/** Whether a row exists for the reference. */
export async function rowExists(ref: CredentialRef): Promise<boolean> {
  const row = await env.VAULT_DB.prepare(
    'SELECT 1 AS found FROM credentials WHERE workspace_id = ? AND connection_id = ?',
  )
    .bind(ref.workspaceId, ref.connectionId)
    .first();
  return row !== null;
}

/** The audit events of a workspace, read through the real audit Worker's RPC. */
export async function auditEvents(workspaceId: string): Promise<AuditEvent[]> {
  const page = await env.AUDIT.list({ workspaceId });
  if (!page.ok) throw new Error(`audit list failed: ${page.error.code}`);
  return page.value.events;
}

/** The actions of a workspace's audit events, in order. */
export async function auditActions(workspaceId: string): Promise<string[]> {
  return (await auditEvents(workspaceId)).map((event) => event.action);
}

export const DECRYPT_FAILED = {
  ok: false,
  error: {
    code: 'decrypt_failed',
    message: 'the credential cannot be decrypted',
    retryable: false,
  },
} as const;

export const NOT_FOUND = {
  ok: false,
  error: { code: 'not_found', message: 'no such credential', retryable: false },
} as const;

export const AUDIT_UNAVAILABLE = {
  ok: false,
  error: {
    code: 'audit_unavailable',
    message: 'the audit log is unavailable; try again',
    retryable: true,
  },
} as const;

export const KMS_UNAVAILABLE = {
  ok: false,
  error: {
    code: 'kms_unavailable',
    message: 'the key service is unavailable; try again',
    retryable: true,
  },
} as const;
