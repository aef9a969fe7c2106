import { z } from 'zod';
import { ActorSchema } from './actor';
import { ConnectionIdSchema, JobIdSchema, WorkspaceIdSchema } from './ids';
import { ProviderIdSchema, type ProviderId } from './providers';
import type { Result } from './result';

const MAX_SECRET_CHARS = 16 * 1024;

/** A credential: an API key as a string, or a JSON object (OAuth tokens, a service account). */
export const SecretSchema = z.union([
  z.string().min(1).max(MAX_SECRET_CHARS),
  z.record(z.string().max(128), z.string().max(MAX_SECRET_CHARS)),
]);
export type Secret = z.infer<typeof SecretSchema>;

/** Names the credential of one connection; every vault call carries all three. */
export const CredentialRefSchema = z.strictObject({
  workspaceId: WorkspaceIdSchema,
  connectionId: ConnectionIdSchema,
  provider: ProviderIdSchema,
});
export type CredentialRef = z.infer<typeof CredentialRefSchema>;

export const StoreCredentialSchema = CredentialRefSchema.extend({
  secret: SecretSchema,
  actor: ActorSchema,
  requestId: z.string().max(64),
});
export type StoreCredential = z.infer<typeof StoreCredentialSchema>;

export const RevealCredentialSchema = CredentialRefSchema.extend({
  jobId: JobIdSchema,
  purpose: z.enum(['sync', 'verify']),
  requestId: z.string().max(64),
});
export type RevealCredential = z.infer<typeof RevealCredentialSchema>;

export const RevokeCredentialSchema = CredentialRefSchema.extend({
  actor: ActorSchema,
  requestId: z.string().max(64),
});
export type RevokeCredential = z.infer<typeof RevokeCredentialSchema>;

/** What the vault says of a stored credential: never the secret. */
export interface CredentialInfo {
  provider: ProviderId;
  kekVersion: number;
  createdAt: string;
  rotatedAt: string | null;
}

export type VaultFailureCode =
  | 'invalid_request'
  | 'not_found'
  | 'kms_unavailable'
  | 'audit_unavailable'
  | 'decrypt_failed'
  | 'storage_failed';

/** The vault Worker's RPC surface (service binding `VAULT`). */
export interface VaultApi {
  store(input: StoreCredential): Promise<Result<CredentialInfo, VaultFailureCode>>;
  rotate(input: StoreCredential): Promise<Result<CredentialInfo, VaultFailureCode>>;
  reveal(input: RevealCredential): Promise<Result<{ secret: Secret }, VaultFailureCode>>;
  revoke(input: RevokeCredential): Promise<Result<{ deleted: boolean }, VaultFailureCode>>;
  describe(input: CredentialRef): Promise<Result<CredentialInfo, VaultFailureCode>>;
}

/** What a KEK rotation's rewrap did. */
export interface RewrapCounts {
  rewrapped: number;
  failed: number;
}

/** The vault's operator surface: reached only from the gateway's `/internal` routes. */
export interface VaultOperatorApi {
  /** Moves every data key to the KMS's current KEK without decrypting any credential. */
  rewrapAll(): Promise<Result<RewrapCounts, VaultFailureCode>>;
}
