import {
  fail,
  ok,
  type CredentialInfo,
  type Result,
  type StoreCredential,
  type VaultFailureCode,
} from '@stax/contracts';
import { recordAudit } from './audit-trail';
import { sealCredential } from './credential-envelope';
import { auditUnavailable, infoOf, kmsUnavailable } from './failures';
import { contextOf, type OwnedRow, type VaultDeps } from './vault-deps';

/**
 * Encrypts and stores the credential of a new connection, then audits it. No credential
 * stays stored without its audit event: if the append fails, the row is deleted again.
 */
export async function storeCredential(
  deps: VaultDeps,
  input: StoreCredential,
): Promise<Result<CredentialInfo, VaultFailureCode>> {
  const sealed = await sealCredential(deps.kms, contextOf(input), input.secret, deps.log);
  if (!sealed) return kmsUnavailable();

  const row: OwnedRow = {
    workspaceId: input.workspaceId,
    connectionId: input.connectionId,
    provider: input.provider,
    ...sealed,
    createdAt: deps.now().toISOString(),
    rotatedAt: null,
  };
  if (!(await deps.rows.insert(row))) {
    return fail('invalid_request', 'this connection already has a credential; rotate it instead');
  }

  const audited = await recordAudit(deps, {
    ref: input,
    requestId: input.requestId,
    actor: input.actor,
    action: 'credential.stored',
    outcome: 'success',
    detail: { provider: input.provider, kekVersion: row.kekVersion },
  });
  if (!audited) return undoStore(deps, row);

  deps.log.info('credential stored', { kekVersion: row.kekVersion });
  return ok(infoOf(row));
}

async function undoStore(deps: VaultDeps, row: OwnedRow) {
  const removed = await deps.rows.delete(row.workspaceId, row.connectionId, row.envelope);
  if (!removed) deps.log.error('unaudited credential could not be removed');
  return auditUnavailable();
}
