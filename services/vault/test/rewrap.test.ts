import { env } from 'cloudflare:workers';
import { decodeEnvelope } from '@stax/envelope';
import { beforeEach, describe, expect, it } from 'vitest';
import { DECRYPT_FAILED, readEnvelope, revealInput, stored, vault, writeEnvelope } from './helpers';

const FIRST = 'sk-admin-first-00000000000000';
const SECOND = { client_id: 'stax', client_secret: 'shh-000000000000' };
const LATE = 'sk-admin-late-000000000000000';
const WRAPPED_KEY_BYTE = 7 + 20;

// rewrapAll scans the whole table, so each test starts from an empty one.
beforeEach(async () => {
  await env.VAULT_DB.prepare('DELETE FROM credentials').run();
});

function sealedPart(envelope: Uint8Array): Uint8Array {
  const decoded = decodeEnvelope(envelope);
  if (!decoded) throw new Error('envelope does not decode');
  return decoded.sealed;
}

describe('VaultEntrypoint.rewrapAll', () => {
  it('moves every data key to the current KEK without touching the sealed credential', async () => {
    const refs = [await stored(FIRST), await stored(SECOND)];
    const before = await Promise.all(refs.map(readEnvelope));

    const result = await vault({ KMS: env.KMS_ROTATED }).rewrapAll();

    const after = await Promise.all(refs.map(readEnvelope));
    expect(result).toEqual({ ok: true, value: { rewrapped: 2, failed: 0 } });
    expect(after.map((envelope) => decodeEnvelope(envelope)?.kekVersion)).toEqual([2, 2]);
    expect(after.map(sealedPart)).toEqual(before.map(sealedPart));
    expect(await Promise.all(refs.map((ref) => vault().describe(ref)))).toMatchObject([
      { ok: true, value: { kekVersion: 2, rotatedAt: null } },
      { ok: true, value: { kekVersion: 2, rotatedAt: null } },
    ]);
  });

  it('keeps rewrapped rows readable once v1 is retired; a row left on v1 fails', async () => {
    const [first, second] = [await stored(FIRST), await stored(SECOND)];
    await vault({ KMS: env.KMS_ROTATED }).rewrapAll();
    const late = await stored(LATE);
    const retired = vault({ KMS: env.KMS_V1_RETIRED });

    const reveals = [
      await retired.reveal(revealInput(first)),
      await retired.reveal(revealInput(second)),
      await retired.reveal(revealInput(late)),
    ];

    expect(reveals).toEqual([
      { ok: true, value: { secret: FIRST } },
      { ok: true, value: { secret: SECOND } },
      DECRYPT_FAILED,
    ]);
  });

  it('has nothing to do when every row is on the current KEK', async () => {
    await stored(FIRST);

    expect(await vault().rewrapAll()).toEqual({ ok: true, value: { rewrapped: 0, failed: 0 } });
  });

  it('counts a row it cannot rewrap as failed and leaves it unchanged', async () => {
    const good = await stored(FIRST);
    const damaged = await stored(SECOND);
    const envelope = await readEnvelope(damaged);
    // A byte of the wrapped data key: rewrap never opens the sealed credential itself.
    envelope[WRAPPED_KEY_BYTE] = (envelope[WRAPPED_KEY_BYTE] ?? 0) ^ 1;
    await writeEnvelope(damaged, envelope);

    const result = await vault({ KMS: env.KMS_ROTATED }).rewrapAll();

    expect(result).toEqual({ ok: true, value: { rewrapped: 1, failed: 1 } });
    expect(await readEnvelope(damaged)).toEqual(envelope);
    expect(decodeEnvelope(await readEnvelope(good))?.kekVersion).toBe(2);
  });

  it('rewraps without opening the credential: a damaged sealed part is kept as is', async () => {
    const ref = await stored(FIRST);
    const envelope = await readEnvelope(ref);
    envelope[envelope.byteLength - 1] = (envelope[envelope.byteLength - 1] ?? 0) ^ 1;
    await writeEnvelope(ref, envelope);

    const result = await vault({ KMS: env.KMS_ROTATED }).rewrapAll();

    expect(result).toEqual({ ok: true, value: { rewrapped: 1, failed: 0 } });
    expect(sealedPart(await readEnvelope(ref))).toEqual(sealedPart(envelope));
    expect(await vault({ KMS: env.KMS_ROTATED }).reveal(revealInput(ref))).toEqual(DECRYPT_FAILED);
  });

  it('cannot rewrap a v1 row once v1 is retired: the row keeps failing closed', async () => {
    const ref = await stored(FIRST);

    const result = await vault({ KMS: env.KMS_V1_RETIRED }).rewrapAll();

    expect(result).toEqual({ ok: true, value: { rewrapped: 0, failed: 1 } });
    expect(await vault({ KMS: env.KMS_V1_RETIRED }).reveal(revealInput(ref))).toEqual(
      DECRYPT_FAILED,
    );
  });

  it('answers kms_unavailable when the KMS is down, and changes nothing', async () => {
    const ref = await stored(FIRST);
    const before = await readEnvelope(ref);

    const result = await vault({ KMS: env.KMS_THROWING }).rewrapAll();

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'kms_unavailable',
        message: 'the key service is unavailable; try again',
        retryable: true,
      },
    });
    expect(await readEnvelope(ref)).toEqual(before);
  });
});
