import type { SyncedProviderId } from '@stax/contracts';
import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';

const HOUR_MS = 60 * 60 * 1000;

/** Providers that allow only so many syncs: Cursor asks for at most one usage sync an hour. */
const MIN_SYNC_INTERVAL_MS: Partial<Record<SyncedProviderId, number>> = { cursor: HOUR_MS };

/** Refuses a sync asked for sooner after the last one than the provider allows. */
export function refuseTooSoon(
  app: AppContext,
  provider: SyncedProviderId,
  lastSyncedAt: string | null,
): void {
  const interval = MIN_SYNC_INTERVAL_MS[provider];
  if (interval === undefined || lastSyncedAt === null) return;
  const waitMs = Date.parse(lastSyncedAt) + interval - app.now().getTime();
  if (waitMs <= 0) return;
  const minutes = Math.ceil(waitMs / 60_000);
  throw new ApiError('rate_limited', {
    title: 'Cursor allows one sync an hour.',
    detail: `The last sync finished less than an hour ago; try again in ${minutes} minutes.`,
    extensions: { retryAfterSeconds: Math.ceil(waitMs / 1000) },
  });
}
