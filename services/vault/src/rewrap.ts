import { ok, type Result, type RewrapCounts, type VaultFailureCode } from '@stax/contracts';
import { rewrapEnvelope } from './credential-envelope';
import type { CredentialRow, RowCursor } from './credential-rows';
import { kmsUnavailable } from './failures';
import { callKms } from './kms-call';
import { contextOf, type VaultDeps } from './vault-deps';

const REWRAP_PAGE_SIZE = 100;

/**
 * Moves every data key wrapped under an older KEK to the KMS's current one. No credential
 * is decrypted and no data key leaves the KMS. A row that fails stays as it was; running
 * again retries it.
 */
export async function rewrapAll(deps: VaultDeps): Promise<Result<RewrapCounts, VaultFailureCode>> {
  const target = await callKms(() => deps.kms.currentVersion(), deps.log);
  if (target === null) return kmsUnavailable();

  const counts: RewrapCounts = { rewrapped: 0, failed: 0 };
  let after: RowCursor | null = null;
  for (;;) {
    const rows = await deps.rows.wrappedBelow(target, after, REWRAP_PAGE_SIZE);
    for (const row of rows) counts[(await rewrapRow(deps, row)) ? 'rewrapped' : 'failed'] += 1;
    if (rows.length < REWRAP_PAGE_SIZE) break;
    after = rows.at(-1) ?? null;
  }

  deps.log.info('rewrap finished', { kekVersion: target, ...counts });
  return ok(counts);
}

// Conditional on the envelope read: a row rotated or revoked meanwhile is left alone.
async function rewrapRow(deps: VaultDeps, row: CredentialRow): Promise<boolean> {
  const rewrapped = await rewrapEnvelope(deps.kms, contextOf(row), row.envelope, deps.log);
  const change = rewrapped && { ...rewrapped, rotatedAt: row.rotatedAt };
  const saved = change !== null && (await deps.rows.replaceEnvelope(row, change, row.envelope));
  if (!saved) {
    deps.log.warn('credential not rewrapped', {
      workspaceId: row.workspaceId,
      connectionId: row.connectionId,
      kekVersion: row.kekVersion,
    });
  }
  return saved;
}
