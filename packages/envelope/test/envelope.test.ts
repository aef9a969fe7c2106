import { describe, expect, it } from 'vitest';
import { generateDataKey, importAesKey, openAesGcm, sealAesGcm } from '../src/aes-gcm';
import { utf8 } from '../src/encoding';
import {
  credentialContext,
  decodeEnvelope,
  encodeEnvelope,
  envelopeAad,
  type Envelope,
} from '../src/envelope';
import { bytesToHex, hexToBytes } from './hex';

const sample: Envelope = {
  formatVersion: 1,
  kekVersion: 0x01020304,
  wrappedKey: hexToBytes('aabbcc'),
  sealed: new Uint8Array(28).fill(0xee),
};
const sampleHex = `01010203040003aabbcc${'ee'.repeat(28)}`;

function withByte(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = value;
  return copy;
}

describe('encodeEnvelope', () => {
  it('lays out format, KEK version, wrapped key length, wrapped key and sealed part', () => {
    expect(bytesToHex(encodeEnvelope(sample))).toBe(sampleHex);
  });
});

describe('decodeEnvelope', () => {
  it('reads back what encodeEnvelope wrote', () => {
    expect(decodeEnvelope(encodeEnvelope(sample))).toEqual(sample);
  });

  it('reads an envelope that sits inside a larger buffer', () => {
    const padded = new Uint8Array(4 + sampleHex.length / 2);
    padded.set(hexToBytes(sampleHex), 4);

    expect(decodeEnvelope(padded.subarray(4))).toEqual(sample);
  });

  const encoded = hexToBytes(sampleHex);
  it.each([
    ['an empty buffer', new Uint8Array(0)],
    ['a header cut short', encoded.subarray(0, 6)],
    ['a sealed part shorter than IV and tag', encoded.subarray(0, encoded.length - 1)],
    ['format version 0', withByte(encoded, 0, 0)],
    ['format version 2', withByte(encoded, 0, 2)],
    ['KEK version 0', hexToBytes(`0100000000${sampleHex.slice(10)}`)],
    ['a wrapped key length of 0', hexToBytes(`01010203040000${'ee'.repeat(28)}`)],
    ['a wrapped key length above 512', hexToBytes(`01000000010201${'00'.repeat(513 + 28)}`)],
    ['a wrapped key length past the end', withByte(encoded, 6, 0xff)],
  ])('refuses %s', (_case, bytes) => {
    expect(decodeEnvelope(bytes)).toBeNull();
  });
});

describe('envelopeAad', () => {
  it('is the format version byte followed by the UTF-8 context', () => {
    expect(bytesToHex(envelopeAad(1, 'ctx/é'))).toBe(`01${bytesToHex(utf8('ctx/é'))}`);
  });
});

describe('credentialContext', () => {
  it('names workspace, connection and provider', () => {
    expect(credentialContext('wsp_a', 'con_b', 'openai')).toBe(
      'stax/credential/v1|wsp_a|con_b|openai',
    );
  });
});

describe('sealAesGcm and openAesGcm', () => {
  const aad = envelopeAad(1, credentialContext('wsp_a', 'con_b', 'openai'));

  it('open what they seal, with a fresh IV every time', async () => {
    const key = await importAesKey(generateDataKey());

    const [first, second] = [
      await sealAesGcm(key, utf8('sk'), aad),
      await sealAesGcm(key, utf8('sk'), aad),
    ];

    expect(first.byteLength).toBe(12 + 2 + 16);
    expect(bytesToHex(first.subarray(0, 12))).not.toBe(bytesToHex(second.subarray(0, 12)));
    expect(await openAesGcm(key, first, aad)).toEqual(utf8('sk'));
  });

  it('refuses other additional data, another key and a short buffer alike', async () => {
    const key = await importAesKey(generateDataKey());
    const sealed = await sealAesGcm(key, utf8('sk'), aad);
    const otherAad = envelopeAad(1, credentialContext('wsp_z', 'con_b', 'openai'));

    const results = [
      await openAesGcm(key, sealed, otherAad),
      await openAesGcm(await importAesKey(generateDataKey()), sealed, aad),
      await openAesGcm(key, sealed.subarray(0, 27), aad),
    ];

    expect(results).toEqual([null, null, null]);
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(importAesKey(new Uint8Array(16))).rejects.toThrow('an AES-256 key is 32 bytes');
  });
});
