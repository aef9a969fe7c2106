import type { ConnectionSettings } from './connection-settings';
import type { Result } from './result';
import type { Secret } from './vault.rpc';

export type CheckFailureCode = 'rejected' | 'upstream_error' | 'invalid_format';

/**
 * A fetcher Worker's RPC surface (service bindings `FETCHER_<PROVIDER>`): one narrow read
 * call that tells whether the provider accepts a credential, before the vault stores it.
 */
export interface FetcherApi {
  /** `settings` names what to read for providers that need it (Google, ChatGPT). */
  checkCredential(
    secret: Secret,
    requestId: string,
    settings?: ConnectionSettings,
  ): Promise<Result<null, CheckFailureCode>>;
}
