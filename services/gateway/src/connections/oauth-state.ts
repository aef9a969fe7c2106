import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import { hashSecret, newSecret } from '../auth/secrets';
import type { Principal } from '../auth/principal';

/** A state is good for this long: enough to approve on GitHub, short enough to be useless later. */
const STATE_LIFETIME_MS = 10 * 60 * 1000;

/** What the state remembers of the connection being made. */
export interface PendingConnection {
  org: string;
  label: string;
}

/** Stores a new single-use state, bound to the workspace and the user; only its hash is kept. */
export async function createOAuthState(
  app: AppContext,
  principal: Principal,
  pending: PendingConnection,
): Promise<string> {
  const state = newSecret();
  const now = app.now();
  await app.db
    .insertInto('oauth_states')
    .values({
      state_hash: await hashSecret(state),
      workspace_id: principal.workspaceId,
      user_id: principal.actor.id,
      provider: 'github',
      label: pending.label,
      org: pending.org,
      expires_at: new Date(now.getTime() + STATE_LIFETIME_MS).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return state;
}

function stateRefused(): ApiError {
  return new ApiError('bad_request', {
    title: 'This GitHub sign-in link is not valid any more. Start the connection again.',
    field: 'state',
  });
}

/**
 * Spends a state: one statement marks it used only if it is this caller's, unused and
 * unexpired, so a replayed or stolen state gets nothing, even from two callbacks at once.
 */
export async function consumeOAuthState(
  app: AppContext,
  principal: Principal,
  state: string,
): Promise<PendingConnection> {
  const now = app.now().toISOString();
  const row = await app.db
    .updateTable('oauth_states')
    .set({ used_at: now })
    .where('state_hash', '=', await hashSecret(state))
    .where('workspace_id', '=', principal.workspaceId)
    .where('user_id', '=', principal.actor.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['org', 'label'])
    .executeTakeFirst();
  if (!row) throw stateRefused();
  return row;
}
