import { env } from 'cloudflare:workers';
import { newId, type AuditEvent } from '@stax/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventKey } from '../src/object-keys';
import { appendInput, audit, storedText, workspaceWithEvents } from './helpers';

const CONNECTION_A = 'con_aaaaaaaaaaaaaaaaaaaa';
const CONNECTION_B = 'con_bbbbbbbbbbbbbbbbbbbb';

afterEach(() => {
  vi.useRealTimers();
});

// Six events an hour apart from 10:00, alternating between two connections.
async function workspaceWithTimeline(): Promise<string> {
  const workspaceId = newId('wsp');
  vi.useFakeTimers({ toFake: ['Date'] });
  for (let hour = 10; hour < 16; hour += 1) {
    vi.setSystemTime(new Date(`2026-05-01T${hour}:00:00.000Z`));
    const connectionId = hour % 2 === 0 ? CONNECTION_A : CONNECTION_B;
    const appended = await audit().append(appendInput(workspaceId, { connectionId }));
    if (!appended.ok) throw new Error('append failed');
  }
  vi.useRealTimers();
  return workspaceId;
}

function seqsOf(page: { ok: boolean; value?: { events: AuditEvent[] } }): number[] {
  return page.value?.events.map((event) => event.seq) ?? [];
}

describe('AuditEntrypoint.list', () => {
  it('returns the events of the workspace ascending by seq, as stored', async () => {
    const workspaceId = await workspaceWithEvents(3);

    const page = await audit().list({ workspaceId });

    expect(seqsOf(page)).toEqual([1, 2, 3]);
    expect(page.ok && page.value.nextAfter).toBeNull();
    expect(page.ok && page.value.events[1]).toEqual(JSON.parse(await storedText(workspaceId, 2)));
  });

  it('returns nothing for a workspace without events', async () => {
    expect(await audit().list({ workspaceId: newId('wsp') })).toEqual({
      ok: true,
      value: { events: [], nextAfter: null },
    });
  });

  it('pages with limit and after, and sets nextAfter only while more events exist', async () => {
    const workspaceId = await workspaceWithEvents(5);

    const first = await audit().list({ workspaceId, limit: 2 });
    const second = await audit().list({ workspaceId, limit: 2, after: 2 });
    const last = await audit().list({ workspaceId, limit: 2, after: 4 });
    const exact = await audit().list({ workspaceId, limit: 5 });

    expect([seqsOf(first), seqsOf(second), seqsOf(last)]).toEqual([[1, 2], [3, 4], [5]]);
    expect(first.ok && first.value.nextAfter).toBe(2);
    expect(second.ok && second.value.nextAfter).toBe(4);
    expect(last.ok && last.value.nextAfter).toBeNull();
    expect(exact.ok && exact.value.nextAfter).toBeNull();
  });

  it('filters by connection', async () => {
    const workspaceId = await workspaceWithTimeline();

    expect(seqsOf(await audit().list({ workspaceId, connectionId: CONNECTION_B }))).toEqual([
      2, 4, 6,
    ]);
  });

  it('filters by time with from inclusive and to exclusive', async () => {
    const workspaceId = await workspaceWithTimeline();

    const page = await audit().list({
      workspaceId,
      from: '2026-05-01T11:00:00.000Z',
      to: '2026-05-01T14:00:00.000Z',
    });

    expect(seqsOf(page)).toEqual([2, 3, 4]);
  });

  it('pages through filtered events without skipping any', async () => {
    const workspaceId = await workspaceWithTimeline();
    const query = { workspaceId, connectionId: CONNECTION_A, limit: 2 };

    const first = await audit().list(query);
    const next = await audit().list({
      ...query,
      after: first.ok ? (first.value.nextAfter ?? 0) : 0,
    });

    expect([seqsOf(first), seqsOf(next)]).toEqual([[1, 3], [5]]);
    expect(first.ok && first.value.nextAfter).toBe(3);
  });

  it("never returns another workspace's events", async () => {
    const mine = await workspaceWithEvents(2);
    const theirs = await workspaceWithEvents(3);

    const page = await audit().list({ workspaceId: mine });

    expect(page.ok && page.value.events.map((event) => event.workspaceId)).toEqual([mine, mine]);
    expect(seqsOf(await audit().list({ workspaceId: theirs }))).toEqual([1, 2, 3]);
  });

  it("fails instead of showing another workspace's event copied into this log", async () => {
    const mine = await workspaceWithEvents(1);
    const theirs = await workspaceWithEvents(2);
    await env.AUDIT_BUCKET.put(eventKey(mine, 2), await storedText(theirs, 2));

    expect(await audit().list({ workspaceId: mine })).toEqual({
      ok: false,
      error: {
        code: 'storage_failed',
        message: 'audit event 2 cannot be read back; run verify',
        retryable: false,
      },
    });
  });

  it.each([
    ['a malformed workspace id', { workspaceId: 'wsp_*' }, 'workspaceId'],
    ['a limit of 0', { limit: 0 }, 'limit'],
    ['a limit above 500', { limit: 501 }, 'limit'],
    ['a negative after', { after: -1 }, 'after'],
    ['a non-ISO from', { from: 'yesterday' }, 'from'],
    ['an unknown field', { prefix: 'audit/' }, '(input)'],
  ])('refuses %s', async (_case, overrides, field) => {
    const query = { workspaceId: newId('wsp'), ...overrides } as never;

    expect(await audit().list(query)).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: `invalid audit request: ${field}`,
        retryable: false,
      },
    });
  });
});

describe('AuditEntrypoint.append and list together', () => {
  it('lists an appended event exactly as append reported it', async () => {
    const workspaceId = newId('wsp');

    const appended = await audit().append(
      appendInput(workspaceId, { action: 'credential.revoked' }),
    );
    const page = await audit().list({ workspaceId });

    expect(appended.ok && page.ok && page.value.events[0]?.hash).toBe(
      appended.ok ? appended.value.hash : null,
    );
    expect(page.ok && page.value.events[0]?.action).toBe('credential.revoked');
  });
});
