import type { Result } from './result';

/** A data key wrapped under one version of the key-encryption key. */
export interface WrappedKey {
  kekVersion: number;
  /** IV, ciphertext and tag of the data key under the KEK. */
  wrapped: Uint8Array;
}

export type KmsFailureCode = 'unwrap_failed' | 'unknown_kek_version' | 'retired_kek_version';

/**
 * The KMS Worker's RPC surface (service binding `KMS`). `context` binds a wrapped key to
 * its owner (workspace, connection, provider): unwrapping with another context fails.
 */
export interface KmsApi {
  wrap(dataKey: Uint8Array, context: string): Promise<Result<WrappedKey, KmsFailureCode>>;
  unwrap(key: WrappedKey, context: string): Promise<Result<Uint8Array, KmsFailureCode>>;
  /** Re-wraps under the current KEK without the data key leaving the KMS. */
  rewrap(key: WrappedKey, context: string): Promise<Result<WrappedKey, KmsFailureCode>>;
  currentVersion(): Promise<number>;
}
