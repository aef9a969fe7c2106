import type { D1Migration } from 'cloudflare:test';
import type { AuditApi, KmsApi } from '@stax/contracts';
import type { Env as VaultEnv } from '../src/env';

declare global {
  namespace Cloudflare {
    interface Env extends VaultEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** KEK v2 current, v1 still unwraps. */
      KMS_ROTATED: KmsApi;
      /** KEK v2 current, v1 retired. */
      KMS_V1_RETIRED: KmsApi;
      KMS_THROWING: KmsApi;
      AUDIT_THROWING: AuditApi;
      AUDIT_REFUSING: AuditApi;
    }
  }
}
