import type { Actor, AuditAction, AuditAppend, CredentialRef } from '@stax/contracts';
import type { VaultDeps } from './vault-deps';

type Detail = AuditAppend['detail'];

/** One credential event for the audit log. Detail is data about the credential, never it. */
export interface CredentialEvent {
  ref: CredentialRef;
  requestId: string;
  actor: Actor;
  action: AuditAction;
  outcome: AuditAppend['outcome'];
  detail: Detail;
}

/**
 * Appends an event and says whether it is in the log. A refusal and an unreachable audit
 * Worker are the same to the caller: the event is not written.
 */
export async function recordAudit(deps: VaultDeps, event: CredentialEvent): Promise<boolean> {
  const append: AuditAppend = {
    workspaceId: event.ref.workspaceId,
    connectionId: event.ref.connectionId,
    action: event.action,
    outcome: event.outcome,
    actor: event.actor,
    requestId: event.requestId,
    detail: event.detail,
  };
  try {
    const appended = await deps.audit.append(append);
    if (!appended.ok)
      deps.log.error('audit append refused', { action: event.action, code: appended.error.code });
    return appended.ok;
  } catch (error) {
    deps.log.error('audit unreachable', { action: event.action, error });
    return false;
  }
}
