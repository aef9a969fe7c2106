import {
  fail,
  ok,
  type Result,
  type RevokeCredential,
  type VaultFailureCode,
} from '@stax/contracts';
import { recordAudit } from './audit-trail';
import type { VaultDeps } from './vault-deps';

/**
 * Deletes a connection's credential at once, then audits it. The delete never waits for the
 * audit log: an unaudited revoke answers `audit_unavailable` so that the caller retries,
 * and the retry writes the event.
 */
export async function revokeCredential(
  deps: VaultDeps,
  input: RevokeCredential,
): Promise<Result<{ deleted: boolean }, VaultFailureCode>> {
  const deleted = await deps.rows.delete(input.workspaceId, input.connectionId);

  const audited = await recordAudit(deps, {
    ref: input,
    requestId: input.requestId,
    actor: input.actor,
    action: 'credential.revoked',
    outcome: 'success',
    detail: { provider: input.provider, deleted },
  });

  deps.log.info('credential revoked', { deleted, audited });
  if (!audited) {
    return fail('audit_unavailable', 'the credential is deleted; the audit log is unavailable', {
      retryable: true,
    });
  }
  return ok({ deleted });
}
