import type { ConnectionSettings, FetcherApi, Secret, SyncedProviderId } from '@stax/contracts';
import { ApiError } from '@stax/http';
import { credentialFormatSchema } from '@stax/providers';
import type { AppContext } from '../app-context';
import type { Principal } from '../auth/principal';

interface CredentialTarget {
  workspaceId: string;
  connectionId: string;
  provider: SyncedProviderId;
}

// The vault's inputs are strict: it gets the three fields that name a credential, nothing more
// (a target may carry connection settings too).
function vaultRef(target: CredentialTarget): CredentialTarget {
  return {
    workspaceId: target.workspaceId,
    connectionId: target.connectionId,
    provider: target.provider,
  };
}

const PROVIDER_NAMES: Record<SyncedProviderId, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  cursor: 'Cursor',
  github: 'GitHub',
  google: 'Google Cloud',
  chatgpt: 'ChatGPT',
};

function fetcherOf(app: AppContext, provider: SyncedProviderId): FetcherApi {
  const fetchers: Record<SyncedProviderId, FetcherApi> = {
    openai: app.env.FETCHER_OPENAI,
    anthropic: app.env.FETCHER_ANTHROPIC,
    cursor: app.env.FETCHER_CURSOR,
    github: app.env.FETCHER_GITHUB,
    google: app.env.FETCHER_GOOGLE,
    chatgpt: app.env.FETCHER_CHATGPT,
  };
  return fetchers[provider];
}

/** Checks a pasted credential's format, then asks the provider with one narrow read call. */
export async function checkCredential(
  app: AppContext,
  provider: SyncedProviderId,
  credential: Secret,
  settings?: ConnectionSettings,
): Promise<void> {
  // Google's key file was checked field by field by the connect body's schema.
  const wellFormed =
    typeof credential === 'string'
      ? credentialFormatSchema(provider).safeParse(credential).success
      : provider === 'google';
  if (!wellFormed) {
    throw new ApiError('validation_failed', {
      title: `This does not look like a valid ${PROVIDER_NAMES[provider]} key.`,
      detail: formatHint(provider),
      field: 'credential',
    });
  }
  const checked = await fetcherOf(app, provider).checkCredential(
    credential,
    app.requestId,
    settings,
  );
  if (checked.ok) return;
  if (checked.error.code === 'rejected') {
    throw new ApiError('credential_rejected', {
      title: `${PROVIDER_NAMES[provider]} rejected this key.`,
      detail: 'Check that it is an admin key of the organization and that it is not revoked.',
      field: 'credential',
    });
  }
  throw new ApiError('upstream_error', {
    title: `${PROVIDER_NAMES[provider]} could not be reached to check the key. Try again.`,
  });
}

const FORMAT_HINTS: Partial<Record<SyncedProviderId, string>> = {
  openai:
    'OpenAI admin keys start with sk-admin-. Create one under Organization settings, Admin keys.',
  anthropic:
    'Anthropic admin keys start with sk-ant-admin01-. Create one in the Console under Admin keys.',
  cursor:
    'Cursor Admin API keys are key_ and 64 hex characters (Settings, Advanced, Admin API Keys).',
  github:
    'GitHub tokens start with ghp_, gho_ or github_pat_, from an org owner or billing manager.',
  google: 'Paste the service account key file (JSON) as an object, not as text.',
  chatgpt: 'A ChatGPT Enterprise workspace admin key from the Global Admin Console (API keys).',
};

function formatHint(provider: SyncedProviderId): string {
  return FORMAT_HINTS[provider] ?? 'Check the key you pasted.';
}

/** Encrypts and stores a credential; if the KMS or the audit log is down, stores nothing. */
export function storeCredential(
  app: AppContext,
  principal: Principal,
  target: CredentialTarget,
  credential: Secret,
): Promise<void> {
  return writeCredential(app, principal, target, credential, 'store');
}

/** Replaces a stored credential in place (rotation). */
export function replaceCredential(
  app: AppContext,
  principal: Principal,
  target: CredentialTarget,
  credential: Secret,
): Promise<void> {
  return writeCredential(app, principal, target, credential, 'rotate');
}

async function writeCredential(
  app: AppContext,
  principal: Principal,
  target: CredentialTarget,
  credential: Secret,
  operation: 'store' | 'rotate',
): Promise<void> {
  const input = {
    ...vaultRef(target),
    secret: credential,
    actor: principal.actor,
    requestId: app.requestId,
  };
  const written = await app.env.VAULT[operation](input).catch((error: unknown) => {
    app.log.error('vault unreachable', { operation, error });
    return null;
  });
  if (written?.ok) return;
  if (written) app.log.error('credential not written', { operation, code: written.error.code });
  // A request the vault refuses as malformed is our bug, not an outage: 500 with the request id.
  if (written?.error.code === 'invalid_request') throw new Error('the vault refused the request');
  throw new ApiError('unavailable', {
    title: 'The key could not be stored safely right now. Nothing was saved; try again.',
  });
}

/** Deletes a credential from the vault; throws if the vault could not. */
export async function revokeCredential(
  app: AppContext,
  principal: Principal,
  target: CredentialTarget,
): Promise<void> {
  const revoked = await app.env.VAULT.revoke({
    ...vaultRef(target),
    actor: principal.actor,
    requestId: app.requestId,
  });
  if (revoked.ok) return;
  app.log.error('credential not revoked', { code: revoked.error.code });
  throw new ApiError('unavailable', {
    title: 'The key could not be deleted right now. Try again.',
  });
}
