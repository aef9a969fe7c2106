import { SecretSchema, type KmsApi, type Secret, type WrappedKey } from '@stax/contracts';
import {
  ENVELOPE_FORMAT_VERSION,
  decodeEnvelope,
  encodeEnvelope,
  envelopeAad,
  generateDataKey,
  importAesKey,
  openAesGcm,
  sealAesGcm,
  utf8,
} from '@stax/envelope';
import type { Logger } from '@stax/log';
import { z } from 'zod';
import { callKms } from './kms-call';

// What is encrypted: the secret inside a versioned wrapper, so the format can change later.
const PlaintextSchema = z.strictObject({ v: z.literal(1), secret: SecretSchema });

export interface SealedCredential {
  envelope: Uint8Array;
  kekVersion: number;
}

type OpenStage = 'decode' | 'unwrap' | 'open' | 'plaintext';

/** Why a credential did not open; `stage` goes to the log only, never to the caller. */
export type OpenFailure =
  { reason: 'kms_unavailable' } | { reason: 'undecryptable'; stage: OpenStage; kms?: string };

export type Opened = { ok: true; secret: Secret } | ({ ok: false } & OpenFailure);

/**
 * Encrypts a secret under a fresh data key, which the KMS wraps under its current KEK.
 * Null when the KMS did not wrap: nothing may be stored then.
 */
export async function sealCredential(
  kms: KmsApi,
  context: string,
  secret: Secret,
  log: Logger,
): Promise<SealedCredential | null> {
  const dataKey = generateDataKey();
  try {
    const wrapped = await callKms(() => kms.wrap(dataKey, context), log);
    if (wrapped === null || !wrapped.ok) return null;
    const plaintext = utf8(JSON.stringify({ v: 1, secret }));
    const sealed = await sealAesGcm(await importAesKey(dataKey), plaintext, aadOf(context));
    plaintext.fill(0);
    return { envelope: envelopeOf(wrapped.value, sealed), kekVersion: wrapped.value.kekVersion };
  } finally {
    dataKey.fill(0);
  }
}

/** Decrypts a stored envelope under its context; any tampering ends in the same failure. */
export async function openCredential(
  kms: KmsApi,
  context: string,
  bytes: Uint8Array,
  log: Logger,
): Promise<Opened> {
  const envelope = decodeEnvelope(bytes);
  if (!envelope) return undecryptable('decode');

  const wrapped = { kekVersion: envelope.kekVersion, wrapped: envelope.wrappedKey };
  const unwrapped = await callKms(() => kms.unwrap(wrapped, context), log);
  if (unwrapped === null) return { ok: false, reason: 'kms_unavailable' };
  if (!unwrapped.ok) return undecryptable('unwrap', unwrapped.error.code);

  const plaintext = await openWithDataKey(unwrapped.value, envelope.sealed, context);
  if (!plaintext) return undecryptable('open');
  const parsed = PlaintextSchema.safeParse(parsePlaintext(plaintext));
  plaintext.fill(0);
  return parsed.success ? { ok: true, secret: parsed.data.secret } : undecryptable('plaintext');
}

/**
 * Moves an envelope's data key under the KMS's current KEK. The sealed credential is kept
 * byte for byte: its additional data names neither the KEK version nor the wrapped key.
 */
export async function rewrapEnvelope(
  kms: KmsApi,
  context: string,
  bytes: Uint8Array,
  log: Logger,
): Promise<SealedCredential | null> {
  const envelope = decodeEnvelope(bytes);
  if (!envelope) return null;
  const wrapped = { kekVersion: envelope.kekVersion, wrapped: envelope.wrappedKey };
  const rewrapped = await callKms(() => kms.rewrap(wrapped, context), log);
  if (rewrapped === null || !rewrapped.ok) return null;
  return {
    envelope: envelopeOf(rewrapped.value, envelope.sealed),
    kekVersion: rewrapped.value.kekVersion,
  };
}

async function openWithDataKey(
  dataKey: Uint8Array,
  sealed: Uint8Array,
  context: string,
): Promise<Uint8Array | null> {
  try {
    return await openAesGcm(await importAesKey(dataKey), sealed, aadOf(context));
  } catch {
    // importAesKey refuses a data key of the wrong size: the same failure as a bad tag.
    return null;
  } finally {
    dataKey.fill(0);
  }
}

function envelopeOf(wrapped: WrappedKey, sealed: Uint8Array): Uint8Array {
  return encodeEnvelope({
    formatVersion: ENVELOPE_FORMAT_VERSION,
    kekVersion: wrapped.kekVersion,
    wrappedKey: wrapped.wrapped,
    sealed,
  });
}

function aadOf(context: string): Uint8Array {
  return envelopeAad(ENVELOPE_FORMAT_VERSION, context);
}

function parsePlaintext(plaintext: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(plaintext));
  } catch {
    return undefined;
  }
}

function undecryptable(stage: OpenStage, kms?: string): Opened {
  return kms === undefined
    ? { ok: false, reason: 'undecryptable', stage }
    : { ok: false, reason: 'undecryptable', stage, kms };
}
