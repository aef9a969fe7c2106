import { sha256Hex } from '@stax/envelope';

const SECRET_BYTES = 32;

/** A new unguessable secret as base64url text, with an optional prefix for secret scanners. */
export function newSecret(prefix = ''): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const body = btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${prefix}${body}`;
}

/** What is stored of a secret: its SHA-256. A stolen database row cannot be replayed. */
export function hashSecret(secret: string): Promise<string> {
  return sha256Hex(secret);
}
