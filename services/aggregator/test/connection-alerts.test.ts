import { newId } from '@stax/contracts';
import { parseCivilDate } from '@stax/budgets';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluateWorkspaceAlerts } from '../src/alerts/evaluate';
import { nextRenewal } from '../src/alerts/renewal-alerts';
import { alertDeps, captureEmails, readAlerts, seedAlertWorkspace } from './alert-fixtures';
import { db, seedConnection } from './fixtures';

const NOW = new Date('2026-04-16T12:00:00.000Z');

async function evaluate(workspaceId: string, now = NOW) {
  return evaluateWorkspaceAlerts(alertDeps(), workspaceId, now);
}

async function seedFailedRuns(workspaceId: string, connectionId: string, startedAt: string[]) {
  for (const started of startedAt) {
    await db
      .insertInto('sync_runs')
      .values({
        job_id: newId('job'),
        workspace_id: workspaceId,
        connection_id: connectionId,
        status: 'failed',
        error: 'Sync failed after every retry.',
        started_at: started,
        finished_at: started,
      })
      .execute();
  }
}

beforeEach(() => {
  vi.restoreAllMocks();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('connection alerts', () => {
  it('alerts once when a connection needs attention, and again after it recovered', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    const ref = await seedConnection({
      workspace_id: workspaceId,
      label: 'Production',
      status: 'needs_attention',
      last_error: 'The provider refused the credential; reconnect it.',
      last_synced_at: '2026-04-10T00:00:00.000Z',
    });

    await evaluate(workspaceId);
    await evaluate(workspaceId);
    await db
      .updateTable('connections')
      .set({ status: 'ok', last_synced_at: '2026-04-17T00:00:00.000Z' })
      .where('id', '=', ref.connectionId)
      .execute();
    await evaluate(workspaceId);
    await db
      .updateTable('connections')
      .set({ status: 'needs_attention' })
      .where('id', '=', ref.connectionId)
      .execute();
    await evaluate(workspaceId);

    expect(outbox.map((email) => email.subject)).toEqual([
      'Stax: the openai connection "Production" needs attention',
      'Stax: the openai connection "Production" needs attention',
    ]);
    expect(outbox[0]?.text).toBe(
      [
        'The openai connection "Production" needs attention.',
        'The provider refused its credential, so syncing has stopped. Reconnect it with a valid key.',
        'Last error: The provider refused the credential; reconnect it.',
        'Open Stax: https://stax.test/connections',
      ].join('\n\n'),
    );
    expect((await readAlerts(workspaceId)).map((alert) => alert.connection_id)).toEqual([
      ref.connectionId,
      ref.connectionId,
    ]);
  });

  it.each([
    [2, 0],
    [3, 1],
  ])(
    'sends for an erroring connection with %i failed runs since its last success %i emails',
    async (runs, emails) => {
      const outbox = captureEmails();
      const { workspaceId } = await seedAlertWorkspace();
      const ref = await seedConnection({
        workspace_id: workspaceId,
        status: 'error',
        last_synced_at: '2026-04-15T00:00:00.000Z',
      });
      // A failure before the last success belongs to an episode that is over.
      await seedFailedRuns(workspaceId, ref.connectionId, ['2026-04-14T00:00:00.000Z']);
      const after = [
        '2026-04-15T01:00:00.000Z',
        '2026-04-15T02:00:00.000Z',
        '2026-04-15T03:00:00.000Z',
      ];
      await seedFailedRuns(workspaceId, ref.connectionId, after.slice(0, runs));

      await evaluate(workspaceId);
      await evaluate(workspaceId);

      expect(outbox).toHaveLength(emails);
      if (emails > 0)
        expect(outbox[0]?.text).toContain('Its last 3 syncs failed after every retry.');
    },
  );

  it('says nothing about a revoked connection', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await seedConnection({
      workspace_id: workspaceId,
      status: 'needs_attention',
      revoked_at: '2026-04-01T00:00:00Z',
    });

    expect(await evaluate(workspaceId)).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(outbox).toEqual([]);
  });
});

describe('renewal alerts', () => {
  async function seedPlan(workspaceId: string, renewalDate: string, cycle: 'monthly' | 'annual') {
    const ref = await seedConnection({
      workspace_id: workspaceId,
      provider: 'cursor',
      kind: 'subscription',
      label: 'Cursor Teams',
    });
    await db
      .insertInto('subscription_plans')
      .values({
        workspace_id: workspaceId,
        connection_id: ref.connectionId,
        seats: 12,
        price_per_seat_micros: 40_000_000,
        currency: 'USD',
        billing_cycle: cycle,
        renewal_date: renewalDate,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .execute();
    return ref;
  }

  it('reminds 14 and 3 days before a renewal, once each', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace('Europe/Berlin');
    // Anchored on 30 January: the next monthly renewal after 16 April is 30 April.
    await seedPlan(workspaceId, '2026-01-30', 'monthly');

    for (const now of [
      '2026-04-15T12:00:00Z', // 15 days left: nothing yet
      '2026-04-16T12:00:00Z', // 14 days
      '2026-04-20T12:00:00Z',
      '2026-04-27T12:00:00Z', // 3 days
      '2026-04-29T12:00:00Z',
      // 30 April, 00:30 in Berlin: renews today, the 3-day reminder already went.
      '2026-04-29T22:30:00Z',
    ]) {
      await evaluate(workspaceId, new Date(now));
    }

    expect(outbox.map((email) => email.subject)).toEqual([
      'Stax: "Cursor Teams" (cursor) renews in 14 days, on 2026-04-30',
      'Stax: "Cursor Teams" (cursor) renews in 3 days, on 2026-04-30',
    ]);
    expect(outbox[1]?.text).toBe(
      [
        'The monthly plan "Cursor Teams" renews on 2026-04-30.',
        '12 seats at 40.00 USD: 480.00 USD per cycle.',
        'Change or cancel it with the provider before then if the seats are not needed.',
        'Open Stax: https://stax.test/connections',
      ].join('\n\n'),
    );
  });

  it('sends only the 3-day reminder for a plan entered 2 days before it renews', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await seedPlan(workspaceId, '2026-04-18', 'annual');

    await evaluate(workspaceId);
    await evaluate(workspaceId);

    expect(outbox.map((email) => email.subject)).toEqual([
      'Stax: "Cursor Teams" (cursor) renews in 2 days, on 2026-04-18',
    ]);
  });
});

describe('nextRenewal', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-15', '2026-02-28'],
    ['2026-01-31', 1, '2026-03-01', '2026-03-31'],
    ['2024-02-29', 12, '2026-03-01', '2027-02-28'],
    ['2028-02-29', 12, '2026-03-01', '2028-02-29'],
    ['2026-04-30', 1, '2026-04-30', '2026-04-30'],
    ['2025-06-15', 12, '2026-06-16', '2027-06-15'],
  ])(
    'renews a plan anchored on %s every %i months next on %s → %s',
    (anchor, months, today, next) => {
      const parse = (text: string) => {
        const date = parseCivilDate(text);
        if (!date) throw new Error(text);
        return date;
      };
      expect(nextRenewal(parse(anchor), months, parse(today))).toEqual(parse(next));
    },
  );
});
