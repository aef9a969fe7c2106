import { GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm';
import { utf8 } from './encoding';

/** The only envelope format this code writes or reads. */
export const ENVELOPE_FORMAT_VERSION = 1;

const HEADER_FIXED_BYTES = 7;
const MAX_WRAPPED_KEY_BYTES = 512;

/**
 * A credential at rest. Layout (big-endian):
 * `[format u8][kekVersion u32][wrappedKey length u16][wrappedKey][IV 12][ciphertext+tag]`.
 * The wrapped key is authenticated by the KMS; the rest by the AES-GCM tag (see envelopeAad).
 */
export interface Envelope {
  formatVersion: number;
  kekVersion: number;
  wrappedKey: Uint8Array;
  /** IV, ciphertext and tag of the credential under the data key. */
  sealed: Uint8Array;
}

/** The context string that binds a credential to its workspace, connection and provider. */
export function credentialContext(workspaceId: string, connectionId: string, provider: string) {
  return `stax/credential/v1|${workspaceId}|${connectionId}|${provider}`;
}

/** Serializes an envelope. */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const header = encodeHeader(envelope);
  const out = new Uint8Array(header.byteLength + envelope.sealed.byteLength);
  out.set(header, 0);
  out.set(envelope.sealed, header.byteLength);
  return out;
}

/** Parses an envelope; null if its shape or format version is not one this code knows. */
export function decodeEnvelope(bytes: Uint8Array): Envelope | null {
  if (bytes.byteLength < HEADER_FIXED_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const formatVersion = view.getUint8(0);
  const kekVersion = view.getUint32(1);
  const wrappedLength = view.getUint16(5);
  const sealedStart = HEADER_FIXED_BYTES + wrappedLength;

  if (formatVersion !== ENVELOPE_FORMAT_VERSION || kekVersion === 0) return null;
  if (wrappedLength === 0 || wrappedLength > MAX_WRAPPED_KEY_BYTES) return null;
  if (bytes.byteLength < sealedStart + GCM_IV_BYTES + GCM_TAG_BYTES) return null;

  return {
    formatVersion,
    kekVersion,
    wrappedKey: bytes.slice(HEADER_FIXED_BYTES, sealedStart),
    sealed: bytes.slice(sealedStart),
  };
}

/**
 * The additional data of the credential's encryption: the format version and the context.
 * The KEK version and wrapped key are left out on purpose, so that a KEK rotation can rewrap
 * the data key without decrypting the credential; the KMS authenticates those itself.
 */
export function envelopeAad(formatVersion: number, context: string): Uint8Array {
  const contextBytes = utf8(context);
  const aad = new Uint8Array(1 + contextBytes.byteLength);
  aad[0] = formatVersion;
  aad.set(contextBytes, 1);
  return aad;
}

function encodeHeader(envelope: Omit<Envelope, 'sealed'>): Uint8Array {
  const header = new Uint8Array(HEADER_FIXED_BYTES + envelope.wrappedKey.byteLength);
  const view = new DataView(header.buffer);
  view.setUint8(0, envelope.formatVersion);
  view.setUint32(1, envelope.kekVersion);
  view.setUint16(5, envelope.wrappedKey.byteLength);
  header.set(envelope.wrappedKey, HEADER_FIXED_BYTES);
  return header;
}
