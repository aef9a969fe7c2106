import {
  ok,
  type RevealCredential,
  type Result,
  type Secret,
  type VaultFailureCode,
} from '@stax/contracts';
import { recordAudit } from './audit-trail';
import { openCredential, type OpenFailure } from './credential-envelope';
import { auditUnavailable, decryptFailed, kmsUnavailable, notFound } from './failures';
import { contextOf, isRowOf, type VaultDeps } from './vault-deps';

/**
 * Decrypts a credential for a job. The audit event is appended first: without it, nothing
 * is decrypted. Every way an envelope can be damaged ends in the same `decrypt_failed`.
 */
export async function revealCredential(
  deps: VaultDeps,
  input: RevealCredential,
): Promise<Result<{ secret: Secret }, VaultFailureCode>> {
  const row = await deps.rows.find(input.workspaceId, input.connectionId);
  if (!isRowOf(row, input)) return notFound();

  const audited = await recordAudit(deps, {
    ...revealEvent(input),
    action: 'credential.revealed',
    outcome: 'success',
  });
  if (!audited) return auditUnavailable();

  const opened = await openCredential(deps.kms, contextOf(input), row.envelope, deps.log);
  if (opened.ok) return ok({ secret: opened.secret });
  if (opened.reason === 'kms_unavailable') return kmsUnavailable();
  await reportDecryptFailure(deps, input, opened);
  return decryptFailed();
}

function revealEvent(input: RevealCredential) {
  return {
    ref: input,
    requestId: input.requestId,
    actor: { type: 'system' as const, id: input.jobId },
    detail: { provider: input.provider, jobId: input.jobId, purpose: input.purpose },
  };
}

// The log names the stage for whoever investigates; the caller and the audit detail do not.
async function reportDecryptFailure(
  deps: VaultDeps,
  input: RevealCredential,
  failure: OpenFailure,
): Promise<void> {
  deps.log.warn('credential failed to decrypt', { ...failure });
  await recordAudit(deps, {
    ...revealEvent(input),
    action: 'credential.decrypt_failed',
    outcome: 'failure',
  });
}
