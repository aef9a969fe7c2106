import type { AuditApi, KmsApi } from '@stax/contracts';

/** The bindings of the vault Worker. */
export interface Env {
  /** D1 `stax-vault`: the `credentials` table of envelopes, nothing else. */
  VAULT_DB: D1Database;
  /** Wraps and unwraps data keys; the vault never sees a KEK. */
  KMS: KmsApi;
  /** The append-only audit log; a reveal that cannot be audited does not happen. */
  AUDIT: AuditApi;
}
