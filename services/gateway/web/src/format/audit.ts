import type { AuditEvent } from '../api/schemas';

const ACTION_WORDS: Record<string, string> = {
  'credential.stored': 'Key stored (encrypted)',
  'credential.revealed': 'Key decrypted to sync',
  'credential.rotated': 'Key rotated',
  'credential.revoked': 'Key revoked and deleted',
  'credential.decrypt_failed': 'Key could not be decrypted',
  'access.cross_tenant_denied': "Access to another workspace's data refused",
  'data.deleted': 'Data deleted',
  'auth.signed_in': 'Signed in',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
};

/** An audit action in words; an action this version does not know shows as written. */
export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

/** Who did it: you, another user or an API token by id, or Stax itself. */
export function describeActor(event: AuditEvent, you: { id: string; email: string } | null) {
  if (event.actor.type === 'system') return 'Stax';
  if (you && event.actor.type === 'user' && event.actor.id === you.id) return `You (${you.email})`;
  return `${event.actor.type} ${event.actor.id}`;
}
