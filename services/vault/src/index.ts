import { WorkerEntrypoint } from 'cloudflare:workers';
import {
  CredentialRefSchema,
  RevealCredentialSchema,
  RevokeCredentialSchema,
  StoreCredentialSchema,
  type CredentialInfo,
  type CredentialRef,
  type Result,
  type RewrapCounts,
  type RevealCredential,
  type RevokeCredential,
  type Secret,
  type StoreCredential,
  type VaultApi,
  type VaultFailureCode,
  type VaultOperatorApi,
} from '@stax/contracts';
import { createVaultDb } from '@stax/db';
import { createLogger } from '@stax/log';
import { CredentialRows } from './credential-rows';
import { describeCredential } from './describe';
import type { Env } from './env';
import { invalidRequest, storageFailed } from './failures';
import { revealCredential } from './reveal';
import { revokeCredential } from './revoke';
import { rewrapAll } from './rewrap';
import { rotateCredential } from './rotate';
import { storeCredential } from './store';
import type { VaultDeps } from './vault-deps';

const log = createLogger('vault');

type Outcome<T> = Promise<Result<T, VaultFailureCode>>;

// What a log line may say about a call: ids only, picked field by field, never the input.
interface CallScope {
  requestId: string;
  workspaceId?: string;
  connectionId?: string;
  provider?: string;
}

/**
 * Stores, rotates, reveals and revokes encrypted credentials. Every input is parsed here:
 * a service binding is a trust boundary like any other.
 */
export class VaultEntrypoint extends WorkerEntrypoint<Env> implements VaultApi, VaultOperatorApi {
  async store(input: StoreCredential): Outcome<CredentialInfo> {
    const parsed = StoreCredentialSchema.safeParse(input);
    if (!parsed.success) return invalidRequest(parsed.error);
    return this.run(scopeOf(parsed.data), (deps) => storeCredential(deps, parsed.data));
  }

  async rotate(input: StoreCredential): Outcome<CredentialInfo> {
    const parsed = StoreCredentialSchema.safeParse(input);
    if (!parsed.success) return invalidRequest(parsed.error);
    return this.run(scopeOf(parsed.data), (deps) => rotateCredential(deps, parsed.data));
  }

  async reveal(input: RevealCredential): Outcome<{ secret: Secret }> {
    const parsed = RevealCredentialSchema.safeParse(input);
    if (!parsed.success) return invalidRequest(parsed.error);
    return this.run(scopeOf(parsed.data), (deps) => revealCredential(deps, parsed.data));
  }

  async revoke(input: RevokeCredential): Outcome<{ deleted: boolean }> {
    const parsed = RevokeCredentialSchema.safeParse(input);
    if (!parsed.success) return invalidRequest(parsed.error);
    return this.run(scopeOf(parsed.data), (deps) => revokeCredential(deps, parsed.data));
  }

  async describe(input: CredentialRef): Outcome<CredentialInfo> {
    const parsed = CredentialRefSchema.safeParse(input);
    if (!parsed.success) return invalidRequest(parsed.error);
    return this.run(scopeOf({ ...parsed.data, requestId: 'describe' }), (deps) =>
      describeCredential(deps, parsed.data),
    );
  }

  /** For operators after a KEK rotation; not part of VaultApi, so no other Worker calls it. */
  async rewrapAll(): Outcome<RewrapCounts> {
    return this.run({ requestId: 'rewrap' }, rewrapAll);
  }

  // D1 failing is expected now and then: it becomes a retryable value, not a throw.
  private async run<T>(scope: CallScope, operation: (deps: VaultDeps) => Outcome<T>): Outcome<T> {
    const deps: VaultDeps = {
      rows: new CredentialRows(createVaultDb(this.env.VAULT_DB)),
      kms: this.env.KMS,
      audit: this.env.AUDIT,
      log: log.child({ ...scope }),
      now: () => new Date(),
    };
    try {
      return await operation(deps);
    } catch (error) {
      deps.log.error('vault storage failed', { error });
      return storageFailed();
    }
  }
}

function scopeOf(input: CredentialRef & { requestId: string }): CallScope {
  return {
    requestId: input.requestId,
    workspaceId: input.workspaceId,
    connectionId: input.connectionId,
    provider: input.provider,
  };
}

export default {
  // No HTTP surface: credentials move only over the service binding.
  async fetch(): Promise<Response> {
    return new Response(null, { status: 404 });
  },
} satisfies ExportedHandler<Env>;
