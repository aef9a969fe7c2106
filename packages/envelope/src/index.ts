export {
  AES_KEY_BYTES,
  GCM_IV_BYTES,
  GCM_TAG_BYTES,
  importAesKey,
  generateDataKey,
  sealAesGcm,
  openAesGcm,
} from './aes-gcm';
export {
  ENVELOPE_FORMAT_VERSION,
  encodeEnvelope,
  decodeEnvelope,
  envelopeAad,
  credentialContext,
} from './envelope';
export type { Envelope } from './envelope';
export { bytesToBase64, base64ToBytes, sha256Hex, utf8 } from './encoding';
