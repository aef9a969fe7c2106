import { describe, expect, it } from 'vitest';
import { decryptWithIv, encryptWithIv, importAesKey } from '../src/aes-gcm';
import { bytesToHex, hexToBytes } from './hex';
import vectors from './vectors/wycheproof-aes-gcm.json';

// The only parameters Stax uses: AES-256, a 96-bit IV and a 128-bit tag.
const cases = vectors.testGroups
  .filter((group) => group.keySize === 256 && group.ivSize === 96 && group.tagSize === 128)
  .flatMap((group) => group.tests);
const valid = cases.filter((vector) => vector.result === 'valid');
const invalid = cases.filter((vector) => vector.result === 'invalid');

describe('Wycheproof AES-GCM vectors for AES-256, 96-bit IV, 128-bit tag', () => {
  it('holds 66 vectors: 39 valid, 27 invalid, none merely acceptable', () => {
    expect([cases.length, valid.length, invalid.length]).toEqual([66, 39, 27]);
  });

  it.each(valid.map((vector) => [vector.tcId, vector] as const))(
    'decrypts and re-encrypts valid vector %i exactly',
    async (_id, vector) => {
      const key = await importAesKey(hexToBytes(vector.key));
      const [iv, aad] = [hexToBytes(vector.iv), hexToBytes(vector.aad)];
      const sealed = hexToBytes(vector.ct + vector.tag);

      const opened = await decryptWithIv(key, iv, sealed, aad);
      const encrypted = await encryptWithIv(key, iv, hexToBytes(vector.msg), aad);

      expect(opened && bytesToHex(opened)).toBe(vector.msg);
      expect(bytesToHex(encrypted)).toBe(vector.ct + vector.tag);
    },
  );

  it.each(invalid.map((vector) => [vector.tcId, vector.comment, vector] as const))(
    'rejects invalid vector %i (%s)',
    async (_id, _comment, vector) => {
      const key = await importAesKey(hexToBytes(vector.key));
      const sealed = hexToBytes(vector.ct + vector.tag);

      const opened = await decryptWithIv(
        key,
        hexToBytes(vector.iv),
        sealed,
        hexToBytes(vector.aad),
      );

      expect(opened).toBeNull();
    },
  );
});
