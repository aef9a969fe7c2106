import type { AuditApi, CredentialRef, KmsApi, ProviderId } from '@stax/contracts';
import { credentialContext } from '@stax/envelope';
import type { Logger } from '@stax/log';
import type { CredentialRow, CredentialRows } from './credential-rows';

/** What every vault operation works with. */
export interface VaultDeps {
  rows: CredentialRows;
  kms: KmsApi;
  audit: AuditApi;
  log: Logger;
  now: () => Date;
}

/** A row whose provider is the one the caller named, so a known provider. */
export type OwnedRow = CredentialRow & { provider: ProviderId };

/** The KMS context and AES-GCM additional data of a credential: who it belongs to. */
export function contextOf(
  ref: Pick<CredentialRow, 'workspaceId' | 'connectionId' | 'provider'>,
): string {
  return credentialContext(ref.workspaceId, ref.connectionId, ref.provider);
}

/** Whether a row is the credential a caller named; a mismatch reads as not found. */
export function isRowOf(row: CredentialRow | null, ref: CredentialRef): row is OwnedRow {
  return row !== null && row.provider === ref.provider;
}
