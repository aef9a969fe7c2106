import {
  ok,
  type CredentialInfo,
  type Result,
  type StoreCredential,
  type VaultFailureCode,
} from '@stax/contracts';
import { recordAudit } from './audit-trail';
import { sealCredential } from './credential-envelope';
import type { CredentialRow, EnvelopeChange } from './credential-rows';
import { auditUnavailable, infoOf, kmsUnavailable, notFound } from './failures';
import { contextOf, isRowOf, type VaultDeps } from './vault-deps';

/**
 * Replaces a connection's credential in place: same row, same connection id, new data key
 * and envelope. If the rotation cannot be audited, the previous envelope is put back.
 */
export async function rotateCredential(
  deps: VaultDeps,
  input: StoreCredential,
): Promise<Result<CredentialInfo, VaultFailureCode>> {
  const current = await deps.rows.find(input.workspaceId, input.connectionId);
  if (!isRowOf(current, input)) return notFound();

  const sealed = await sealCredential(deps.kms, contextOf(input), input.secret, deps.log);
  if (!sealed) return kmsUnavailable();
  const change: EnvelopeChange = { ...sealed, rotatedAt: deps.now().toISOString() };
  if (!(await deps.rows.replaceEnvelope(input, change))) return notFound();

  const audited = await recordAudit(deps, {
    ref: input,
    requestId: input.requestId,
    actor: input.actor,
    action: 'credential.rotated',
    outcome: 'success',
    detail: { provider: input.provider, kekVersion: change.kekVersion },
  });
  if (!audited) return undoRotate(deps, current, change);

  deps.log.info('credential rotated', { kekVersion: change.kekVersion });
  return ok(infoOf({ ...current, ...change }));
}

async function undoRotate(deps: VaultDeps, previous: CredentialRow, change: EnvelopeChange) {
  const restored = await deps.rows.replaceEnvelope(previous, previous, change.envelope);
  if (!restored) deps.log.error('unaudited rotation could not be undone');
  return auditUnavailable();
}
