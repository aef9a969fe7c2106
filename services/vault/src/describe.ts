import {
  ok,
  type CredentialInfo,
  type CredentialRef,
  type Result,
  type VaultFailureCode,
} from '@stax/contracts';
import { infoOf, notFound } from './failures';
import { isRowOf, type VaultDeps } from './vault-deps';

/** What the vault holds for a connection: provider, KEK version and dates, never the envelope. */
export async function describeCredential(
  deps: VaultDeps,
  ref: CredentialRef,
): Promise<Result<CredentialInfo, VaultFailureCode>> {
  const row = await deps.rows.find(ref.workspaceId, ref.connectionId);
  return isRowOf(row, ref) ? ok(infoOf(row)) : notFound();
}
