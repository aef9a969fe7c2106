import type { AuditAppend } from '@stax/contracts';
import type { AppContext } from '../app-context';

/**
 * Appends an event to the workspace's audit log. The gateway's own events (sign-in, tokens)
 * do not guard a secret, so a failed append is logged loudly rather than failing the request;
 * the vault's events are the fail-closed ones.
 */
export async function recordAudit(
  app: AppContext,
  event: Omit<AuditAppend, 'requestId'>,
): Promise<void> {
  try {
    const result = await app.env.AUDIT.append({ ...event, requestId: app.requestId });
    if (!result.ok)
      app.log.error('audit append failed', { action: event.action, code: result.error.code });
  } catch (error) {
    app.log.error('audit append failed', { action: event.action, error });
  }
}
