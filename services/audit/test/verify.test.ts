import { env } from 'cloudflare:workers';
import { newId } from '@stax/contracts';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEvent } from '../src/chain';
import { eventKey } from '../src/object-keys';
import {
  audit,
  overwriteEvent,
  setHeadHint,
  storedEvent,
  storedText,
  workspaceWithEvents,
} from './helpers';

describe('AuditEntrypoint.verify', () => {
  it('reports an intact chain with its event count and head hash', async () => {
    const workspaceId = await workspaceWithEvents(4);

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: { intact: true, events: 4, headHash: (await storedEvent(workspaceId, 4)).hash },
    });
  });

  it('reports an empty log as intact at the genesis hash', async () => {
    expect(await audit().verify(newId('wsp'))).toEqual({
      ok: true,
      value: { intact: true, events: 0, headHash: GENESIS_HASH },
    });
  });

  it('finds an edited event', async () => {
    const workspaceId = await workspaceWithEvents(4);
    const event = await storedEvent(workspaceId, 2);
    await overwriteEvent(workspaceId, 2, JSON.stringify({ ...event, outcome: 'denied' }));

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: {
        intact: false,
        events: 4,
        brokenAt: 2,
        reason: 'the hash does not match the content',
      },
    });
  });

  it('finds an edited event whose own hash was recomputed, at the next link', async () => {
    const workspaceId = await workspaceWithEvents(4);
    const { hash: _old, ...event } = await storedEvent(workspaceId, 2);
    const edited = { ...event, actor: { type: 'operator' as const, id: 'someone' } };
    await overwriteEvent(
      workspaceId,
      2,
      JSON.stringify({ ...edited, hash: await hashEvent(edited) }),
    );

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: {
        intact: false,
        events: 4,
        brokenAt: 3,
        reason: 'prevHash does not match the previous event',
      },
    });
  });

  it('finds a deleted event as a gap', async () => {
    const workspaceId = await workspaceWithEvents(4);
    await env.AUDIT_BUCKET.delete(eventKey(workspaceId, 3));

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: { intact: false, events: 3, brokenAt: 3, reason: 'the event is missing' },
    });
  });

  it('finds the newest events deleted, through the head hint', async () => {
    const workspaceId = await workspaceWithEvents(4);
    await env.AUDIT_BUCKET.delete([eventKey(workspaceId, 3), eventKey(workspaceId, 4)]);

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: { intact: false, events: 2, brokenAt: 3, reason: 'the events up to 4 are missing' },
    });
  });

  it('finds two swapped events', async () => {
    const workspaceId = await workspaceWithEvents(4);
    const [second, third] = [await storedText(workspaceId, 2), await storedText(workspaceId, 3)];
    await overwriteEvent(workspaceId, 2, third);
    await overwriteEvent(workspaceId, 3, second);

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: {
        intact: false,
        events: 4,
        brokenAt: 2,
        reason: 'the object holds an event of another place in the log',
      },
    });
  });

  it('finds an object that is not JSON', async () => {
    const workspaceId = await workspaceWithEvents(3);
    await overwriteEvent(workspaceId, 1, '{"v":1,');

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: {
        intact: false,
        events: 3,
        brokenAt: 1,
        reason: 'the object is not a valid audit event',
      },
    });
  });

  it('finds a rewritten tail that the head hint still remembers', async () => {
    const workspaceId = await workspaceWithEvents(3);
    const { hash: _old, ...event } = await storedEvent(workspaceId, 3);
    const edited = { ...event, detail: { index: 99 } };
    await overwriteEvent(
      workspaceId,
      3,
      JSON.stringify({ ...edited, hash: await hashEvent(edited) }),
    );

    expect(await audit().verify(workspaceId)).toEqual({
      ok: true,
      value: { intact: false, events: 3, brokenAt: 3, reason: 'the head hint names another hash' },
    });
  });

  it('stays intact when the head hint merely lags', async () => {
    const workspaceId = await workspaceWithEvents(3);
    await setHeadHint(workspaceId, 1, (await storedEvent(workspaceId, 1)).hash);

    expect(await audit().verify(workspaceId)).toMatchObject({
      ok: true,
      value: { intact: true, events: 3 },
    });
  });

  it('refuses a malformed workspace id', async () => {
    expect(await audit().verify('audit/../wsp')).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: 'invalid audit request: (input)',
        retryable: false,
      },
    });
  });
});
