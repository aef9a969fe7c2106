import { env } from 'cloudflare:workers';
import { newId, type CredentialRef } from '@stax/contracts';
import { describe, expect, it } from 'vitest';
import {
  DECRYPT_FAILED,
  auditEvents,
  readEnvelope,
  revealInput,
  stored,
  vault,
  writeEnvelope,
} from './helpers';

const SECRET = 'sk-admin-tamper-0123456789';
const FLIP_LANES = 8;
// Header 7, wrapped data key 60 (IV, key, tag), IV 12, `{"v":1,"secret":"…"}` 45, tag 16.
const ENVELOPE_BYTES = 7 + 60 + 12 + 45 + 16;

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
  return copy;
}

async function revealAfterWriting(ref: CredentialRef, envelope: Uint8Array) {
  await writeEnvelope(ref, envelope);
  return vault().reveal(revealInput(ref));
}

describe('VaultEntrypoint.reveal of a tampered envelope', () => {
  it('fails with one and the same decrypt_failed for every single-bit flip', async () => {
    // Lanes of their own credential each (same secret length, so the same envelope layout),
    // each flipping every FLIP_LANES-th bit, so that the flips run side by side.
    const lanes = await Promise.all(
      Array.from({ length: FLIP_LANES }, async () => {
        const ref = await stored(SECRET);
        return { ref, original: await readEnvelope(ref) };
      }),
    );
    const envelopeBits = ENVELOPE_BYTES * 8;

    const outcomes = await Promise.all(
      lanes.map(async ({ ref, original }, lane) => {
        const seen: string[] = [];
        for (let bit = lane; bit < envelopeBits; bit += FLIP_LANES) {
          seen.push(JSON.stringify(await revealAfterWriting(ref, flipBit(original, bit))));
        }
        return seen;
      }),
    );

    expect(lanes.map(({ original }) => original.byteLength)).toEqual(
      Array.from({ length: FLIP_LANES }, () => ENVELOPE_BYTES),
    );
    expect(outcomes.flat()).toHaveLength(envelopeBits);
    expect(new Set(outcomes.flat())).toEqual(new Set([JSON.stringify(DECRYPT_FAILED)]));
    const untouched = lanes[0];
    if (!untouched) throw new Error('no lanes');
    expect(await revealAfterWriting(untouched.ref, untouched.original)).toEqual({
      ok: true,
      value: { secret: SECRET },
    });
  }, 180_000);

  it('fails with decrypt_failed for every truncation, down to an empty BLOB', async () => {
    const ref = await stored(SECRET);
    const original = await readEnvelope(ref);
    const outcomes = new Set<string>();

    for (let length = 0; length < original.byteLength; length += 1) {
      outcomes.add(JSON.stringify(await revealAfterWriting(ref, original.slice(0, length))));
    }

    expect([...outcomes]).toEqual([JSON.stringify(DECRYPT_FAILED)]);
  }, 60_000);

  it.each([0, 2, 255])(
    'fails with decrypt_failed for envelope format version %i',
    async (version) => {
      const ref = await stored(SECRET);
      const envelope = await readEnvelope(ref);
      envelope[0] = version;

      expect(await revealAfterWriting(ref, envelope)).toEqual(DECRYPT_FAILED);
    },
  );

  it.each([
    ['KEK version 0', 0],
    ['an unknown KEK version', 7],
  ])('fails with decrypt_failed for %s', async (_case, kekVersion) => {
    const ref = await stored(SECRET);
    const envelope = await readEnvelope(ref);
    new DataView(envelope.buffer).setUint32(1, kekVersion);

    expect(await revealAfterWriting(ref, envelope)).toEqual(DECRYPT_FAILED);
  });

  it('fails with decrypt_failed for bytes appended to the envelope', async () => {
    const ref = await stored(SECRET);
    const envelope = await readEnvelope(ref);

    const longer = new Uint8Array(envelope.byteLength + 1);
    longer.set(envelope);

    expect(await revealAfterWriting(ref, longer)).toEqual(DECRYPT_FAILED);
  });

  it("fails with decrypt_failed for another workspace's envelope copied into the row", async () => {
    const mine = await stored(SECRET);
    const theirs = await stored('sk-admin-theirs-000000000000');

    expect(await revealAfterWriting(mine, await readEnvelope(theirs))).toEqual(DECRYPT_FAILED);
  });

  it("fails with decrypt_failed for a sibling connection's envelope copied in", async () => {
    const mine = await stored(SECRET);
    const sibling = await stored('sk-admin-sibling-00000000000', {
      ...mine,
      connectionId: newId('con'),
    });

    expect(await revealAfterWriting(mine, await readEnvelope(sibling))).toEqual(DECRYPT_FAILED);
  });

  it('fails with decrypt_failed when the row was moved to another provider', async () => {
    const ref = await stored(SECRET);
    await env.VAULT_DB.prepare(
      "UPDATE credentials SET provider = 'anthropic' WHERE workspace_id = ? AND connection_id = ?",
    )
      .bind(ref.workspaceId, ref.connectionId)
      .run();

    const result = await vault().reveal(revealInput({ ...ref, provider: 'anthropic' }));

    expect(result).toEqual(DECRYPT_FAILED);
  });

  it('audits the failure after the reveal, with no bytes in the detail', async () => {
    const ref = await stored(SECRET);
    const envelope = await readEnvelope(ref);

    await revealAfterWriting(ref, flipBit(envelope, envelope.byteLength * 8 - 1));

    const events = await auditEvents(ref.workspaceId);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ['credential.stored', 'success'],
      ['credential.revealed', 'success'],
      ['credential.decrypt_failed', 'failure'],
    ]);
    expect(events[2]?.detail).toEqual({
      provider: 'openai',
      jobId: 'job_aaaaaaaaaaaaaaaaaaaa',
      purpose: 'sync',
    });
  });
});
