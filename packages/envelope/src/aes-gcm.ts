export const AES_KEY_BYTES = 32;
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

const GCM_TAG_BITS = GCM_TAG_BYTES * 8;

/** Imports 32 raw bytes as a non-extractable AES-256-GCM key. */
export async function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.byteLength !== AES_KEY_BYTES) throw new RangeError('an AES-256 key is 32 bytes');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** A fresh random 256-bit data key. */
export function generateDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(AES_KEY_BYTES));
}

/**
 * Encrypts with a fresh random 96-bit IV and returns IV, ciphertext and 128-bit tag in one
 * buffer. The IV is never chosen by the caller, so it cannot be reused by mistake.
 */
export async function sealAesGcm(
  key: CryptoKey,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES));
  const sealed = await encryptWithIv(key, iv, plaintext, additionalData);
  const out = new Uint8Array(GCM_IV_BYTES + sealed.byteLength);
  out.set(iv, 0);
  out.set(sealed, GCM_IV_BYTES);
  return out;
}

/**
 * Opens what sealAesGcm made. Returns null for anything that does not authenticate; the
 * caller cannot tell a bad tag from a bad IV or a short buffer, by design.
 */
export async function openAesGcm(
  key: CryptoKey,
  sealed: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array | null> {
  if (sealed.byteLength < GCM_IV_BYTES + GCM_TAG_BYTES) return null;
  const iv = sealed.subarray(0, GCM_IV_BYTES);
  return decryptWithIv(key, iv, sealed.subarray(GCM_IV_BYTES), additionalData);
}

/** AES-GCM with an explicit IV; only for known-answer tests and sealAesGcm. */
export async function encryptWithIv(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array> {
  const params = { name: 'AES-GCM', iv, additionalData, tagLength: GCM_TAG_BITS };
  return new Uint8Array(await crypto.subtle.encrypt(params, key, plaintext));
}

/** AES-GCM decryption of ciphertext-and-tag with an explicit IV; null if it fails. */
export async function decryptWithIv(
  key: CryptoKey,
  iv: Uint8Array,
  ciphertextAndTag: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array | null> {
  if (iv.byteLength !== GCM_IV_BYTES || ciphertextAndTag.byteLength < GCM_TAG_BYTES) return null;
  const params = { name: 'AES-GCM', iv, additionalData, tagLength: GCM_TAG_BITS };
  try {
    return new Uint8Array(await crypto.subtle.decrypt(params, key, ciphertextAndTag));
  } catch {
    return null;
  }
}
