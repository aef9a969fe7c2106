import { env } from 'cloudflare:workers';
import { newId } from '@stax/contracts';
import { sha256Hex } from '@stax/envelope';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GENESIS_HASH } from '../src/chain';
import { eventKey, headKey } from '../src/object-keys';
import {
  appendInput,
  audit,
  setHeadHint,
  storedEvent,
  storedText,
  workspaceWithEvents,
} from './helpers';

afterEach(() => {
  vi.useRealTimers();
});

describe('AuditEntrypoint.append', () => {
  it('writes seq 1 linked to the genesis hash, hashed over its canonical JSON', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T10:00:00.000Z'));
    const workspaceId = 'wsp_aaaaaaaaaaaaaaaaaaaa';
    const canonical =
      '{"action":"credential.stored","actor":{"id":"usr_bbbbbbbbbbbbbbbbbbbb","type":"user"},' +
      '"at":"2026-05-01T10:00:00.000Z","connectionId":"con_cccccccccccccccccccc",' +
      '"detail":{"kekVersion":1,"provider":"openai"},"outcome":"success",' +
      `"prevHash":"${GENESIS_HASH}","requestId":"req-7","seq":1,"v":1,` +
      `"workspaceId":"${workspaceId}"}`;
    const input = appendInput(workspaceId, {
      action: 'credential.stored',
      actor: { type: 'user', id: 'usr_bbbbbbbbbbbbbbbbbbbb' },
      connectionId: 'con_cccccccccccccccccccc',
      requestId: 'req-7',
      detail: { provider: 'openai', kekVersion: 1 },
    });
    // A fixed workspace id, so make sure no earlier run left a chain behind.
    await env.AUDIT_BUCKET.delete([eventKey(workspaceId, 1), headKey(workspaceId)]);

    const appended = await audit().append(input);

    const hash = await sha256Hex(canonical);
    expect(appended).toEqual({ ok: true, value: { seq: 1, hash } });
    expect(await storedEvent(workspaceId, 1)).toEqual({
      ...input,
      v: 1,
      seq: 1,
      at: '2026-05-01T10:00:00.000Z',
      prevHash: GENESIS_HASH,
      hash,
    });
  });

  it('links each event to the hash of the one before', async () => {
    const workspaceId = await workspaceWithEvents(3);

    const events = await Promise.all([1, 2, 3].map((seq) => storedEvent(workspaceId, seq)));

    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
  });

  it('keeps chains of different workspaces apart', async () => {
    const first = await workspaceWithEvents(2);
    const second = await workspaceWithEvents(1);

    expect((await storedEvent(second, 1)).prevHash).toBe(GENESIS_HASH);
    expect((await storedEvent(first, 2)).seq).toBe(2);
  });

  it('stores detail strings as JSON values, never as markup or log text', async () => {
    const workspaceId = newId('wsp');
    const hostile = '"},"seq":99,"x":"\n{"level":"error"}\u0000';

    const appended = await audit().append(appendInput(workspaceId, { detail: { note: hostile } }));

    expect(appended.ok).toBe(true);
    expect((await storedEvent(workspaceId, 1)).detail).toEqual({ note: hostile });
    expect((await storedEvent(workspaceId, 1)).seq).toBe(1);
  });

  it.each([
    ['an unknown action', { action: 'credential.exported' }, 'action'],
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome'],
    ['a malformed workspace id', { workspaceId: 'wsp_../../other' }, 'workspaceId'],
    ['a malformed connection id', { connectionId: 'con_x' }, 'connectionId'],
    ['a nested detail value', { detail: { nested: { a: 1 } } }, 'detail.nested'],
    ['an oversized detail value', { detail: { note: 'x'.repeat(513) } }, 'detail.note'],
    ['an extra field', { seq: 1 }, '(input)'],
  ])('refuses %s', async (_case, overrides, field) => {
    const workspaceId = newId('wsp');
    const input = { ...appendInput(workspaceId), ...overrides } as never;

    const appended = await audit().append(input);

    expect(appended).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: `invalid audit request: ${field}`,
        retryable: false,
      },
    });
    expect((await env.AUDIT_BUCKET.list({ prefix: `audit/${workspaceId}/` })).objects).toEqual([]);
  });

  it('gives 25 concurrent appends the seqs 1 to 25 exactly, on one unbroken chain', async () => {
    const workspaceId = newId('wsp');

    const results = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        audit().append(appendInput(workspaceId, { detail: { index } })),
      ),
    );

    const seqs = results.map((result) => (result.ok ? result.value.seq : -1));
    expect(seqs.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const indexes = await Promise.all(
      seqs.map(async (seq) => (await storedEvent(workspaceId, seq)).detail.index),
    );
    expect(indexes.toSorted((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );
    expect(await audit().verify(workspaceId)).toMatchObject({
      ok: true,
      value: { intact: true, events: 25 },
    });
  });

  it('continues at the true head when the head hint was rolled back', async () => {
    const workspaceId = await workspaceWithEvents(5);
    const before = await Promise.all([1, 2, 3, 4, 5].map((seq) => storedText(workspaceId, seq)));
    const second = await storedEvent(workspaceId, 2);
    await setHeadHint(workspaceId, 2, second.hash);

    const appended = await audit().append(appendInput(workspaceId));

    expect(appended).toMatchObject({ ok: true, value: { seq: 6 } });
    const after = await Promise.all([1, 2, 3, 4, 5].map((seq) => storedText(workspaceId, seq)));
    expect(after).toEqual(before);
    expect((await storedEvent(workspaceId, 6)).prevHash).toBe(
      (await storedEvent(workspaceId, 5)).hash,
    );
    expect(await audit().verify(workspaceId)).toMatchObject({
      ok: true,
      value: { intact: true, events: 6 },
    });
  });

  it('probes from seq 1 when the head hint names an event that does not exist', async () => {
    const workspaceId = await workspaceWithEvents(2);
    await setHeadHint(workspaceId, 40, 'f'.repeat(64));

    const appended = await audit().append(appendInput(workspaceId));

    expect(appended).toMatchObject({ ok: true, value: { seq: 3 } });
    expect((await storedEvent(workspaceId, 3)).prevHash).toBe(
      (await storedEvent(workspaceId, 2)).hash,
    );
  });

  it('refuses to extend a chain whose last event is damaged', async () => {
    const workspaceId = await workspaceWithEvents(2);
    await env.AUDIT_BUCKET.put(eventKey(workspaceId, 2), '{"not":"an event"}');

    const appended = await audit().append(appendInput(workspaceId));

    expect(appended).toEqual({
      ok: false,
      error: {
        code: 'storage_failed',
        message: 'the audit log cannot be extended: its last event is damaged',
        retryable: false,
      },
    });
    expect(await env.AUDIT_BUCKET.head(eventKey(workspaceId, 3))).toBeNull();
  });
});

describe('the create-only put of an event object', () => {
  it('refuses to overwrite an existing key and leaves the first value in place', async () => {
    const key = eventKey(newId('wsp'), 1);
    const create = { onlyIf: { etagDoesNotMatch: '*' } };

    const first = await env.AUDIT_BUCKET.put(key, 'first', create);
    const second = await env.AUDIT_BUCKET.put(key, 'second', create);

    expect(first?.key).toBe(key);
    expect(second).toBeNull();
    expect(await (await env.AUDIT_BUCKET.get(key))?.text()).toBe('first');
  });

  it('lets exactly one of 20 racing writers create a key', async () => {
    const key = eventKey(newId('wsp'), 1);

    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        env.AUDIT_BUCKET.put(key, `writer ${index}`, { onlyIf: { etagDoesNotMatch: '*' } }),
      ),
    );

    expect(writes.filter((write) => write !== null)).toHaveLength(1);
  });
});
