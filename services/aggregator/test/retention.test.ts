import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { ingestRecords } from '../src/ingest';
import { applyRetention, RETENTION_CRON, retentionCutoff } from '../src/retention';
import {
  costRecord,
  db,
  ingestBatch,
  readCosts,
  readUsage,
  seedConnection,
  usageRecord,
  type ConnectionRef,
} from './fixtures';

const NOW = new Date('2026-04-26T03:17:00.000Z');

/** One cost and one usage record on each of the given UTC days. */
async function seedDays(ref: ConnectionRef, days: string[]): Promise<void> {
  const batch = ingestBatch(ref, {
    costs: days.map((day) =>
      costRecord({
        recordKey: `cost|${day}`,
        chargePeriodStart: `${day}T00:00:00Z`,
        chargePeriodEnd: `${day}T23:59:59Z`,
      }),
    ),
    usage: days.map((day) =>
      usageRecord({
        recordKey: `usage|${day}`,
        chargePeriodStart: `${day}T00:00:00Z`,
        chargePeriodEnd: `${day}T23:59:59Z`,
      }),
    ),
  });
  const result = await ingestRecords(env.DB, batch, NOW);
  expect(result.ok).toBe(true);
}

async function setRetention(workspaceId: string, days: number): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ retention_days: days })
    .where('id', '=', workspaceId)
    .execute();
}

async function keptDays(ref: ConnectionRef) {
  const costs = (await readCosts(ref)).map((row) => row.usage_date);
  const usage = (await readUsage(ref)).map((row) => row.usage_date);
  return { costs, usage };
}

describe('retentionCutoff', () => {
  it.each([
    [92, '2026-01-24'],
    [365, '2025-04-26'],
    [730, '2024-04-26'],
  ])('keeps from the day %i days before today, UTC: %s', (days, cutoff) => {
    expect(retentionCutoff(NOW, days)).toBe(cutoff);
  });
});

describe('applyRetention', () => {
  it('deletes each workspace records older than its own retention, and counts them', async () => {
    const short = await seedConnection();
    const long = await seedConnection();
    await setRetention(short.workspaceId, 92);
    await setRetention(long.workspaceId, 365);
    const days = ['2025-04-25', '2025-04-26', '2026-01-23', '2026-01-24', '2026-04-25'];
    await seedDays(short, days);
    await seedDays(long, days);

    const outcome = await applyRetention(db, NOW);

    expect(outcome).toEqual({ workspaces: 2, costRecords: 4, usageRecords: 4, complete: true });
    expect(await keptDays(short)).toEqual({
      costs: ['2026-01-24', '2026-04-25'],
      usage: ['2026-01-24', '2026-04-25'],
    });
    expect(await keptDays(long)).toEqual({
      costs: ['2025-04-26', '2026-01-23', '2026-01-24', '2026-04-25'],
      usage: ['2025-04-26', '2026-01-23', '2026-01-24', '2026-04-25'],
    });
  });

  it('stops at its batch budget and finishes on the next run', async () => {
    const ref = await seedConnection();
    await setRetention(ref.workspaceId, 92);
    const old = Array.from({ length: 3 }, (_, index) => `2025-01-0${index + 1}`);
    await seedDays(ref, old);

    const first = await applyRetention(db, NOW, 1);
    expect(first.complete).toBe(false);
    const second = await applyRetention(db, NOW);
    expect(second.complete).toBe(true);
    expect(first.costRecords + second.costRecords).toBe(3);
    expect(first.usageRecords + second.usageRecords).toBe(3);
    expect(await keptDays(ref)).toEqual({ costs: [], usage: [] });
  });
});

describe('scheduled', () => {
  it('deletes expired records when the daily cron fires', async () => {
    const ref = await seedConnection({ status: 'needs_attention' });
    await setRetention(ref.workspaceId, 92);
    await seedDays(ref, ['2025-12-01', '2026-04-01']);

    const daily = createScheduledController({ cron: RETENTION_CRON, scheduledTime: NOW.getTime() });
    await worker.scheduled(daily, env);

    expect(await keptDays(ref)).toEqual({ costs: ['2026-04-01'], usage: ['2026-04-01'] });
  });
});
