import type { AppContext } from '../app-context';
import type { Env } from '../env';
import { json } from '../http/respond';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Where a developer reads the sign-in emails: the simulator's outbox, only when both the app
 * and the mail API are on this machine. Anywhere else there is no such thing to point at.
 */
export function localMailboxUrl(env: Pick<Env, 'APP_URL' | 'RESEND_BASE_URL'>): string | null {
  if (!isLoopback(env.APP_URL) || !isLoopback(env.RESEND_BASE_URL)) return null;
  return `${new URL(env.RESEND_BASE_URL).origin}/_sim/emails`;
}

/** GET /api/v1/config: what the dashboard needs before anyone signs in. No secrets. */
export function publicConfig(_request: Request, app: AppContext): Response {
  return json({ localMailboxUrl: localMailboxUrl(app.env) });
}
