import type { AuditEvent } from '@stax/contracts';
import { sha256Hex } from '@stax/envelope';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of the first event of a workspace. */
export const GENESIS_HASH = '0'.repeat(64);

export type UnsealedEvent = Omit<AuditEvent, 'hash'>;

/** SHA-256 hex of the canonical JSON of an event without its own hash. */
export function hashEvent(event: UnsealedEvent): Promise<string> {
  return sha256Hex(canonicalJson(event));
}

/** The event with its hash computed. */
export async function sealEvent(event: UnsealedEvent): Promise<AuditEvent> {
  return { ...event, hash: await hashEvent(event) };
}

/** Whether an event's stored hash is the hash of its content. */
export async function hasValidHash(event: AuditEvent): Promise<boolean> {
  const { hash, ...unsealed } = event;
  return (await hashEvent(unsealed)) === hash;
}
