import { env } from 'cloudflare:workers';
import type { ProviderTotal, SeatCount } from '@stax/contracts';
import { describe, expect, it } from 'vitest';
import { ingestRecords } from '../src/ingest';
import { db, ingestBatch, readCosts, seedConnection, type ConnectionRef } from './fixtures';

const NOW = new Date('2026-07-21T10:00:00.000Z');

function seatCount(overrides: Partial<SeatCount> = {}): SeatCount {
  return {
    recordKey: 'seats|2026-07-21',
    day: '2026-07-21',
    totalSeats: 40,
    activeSeats: 34,
    inactiveSeats: 6,
    pendingCancellationSeats: 1,
    pendingInvitationSeats: 2,
    ...overrides,
  };
}

const CYCLE_TOTAL: ProviderTotal = {
  recordKey: 'cycle-spend|2026-07-01T00:00:00Z',
  periodStart: '2026-07-01T00:00:00Z',
  asOf: '2026-07-21T09:00:00Z',
  amountMicros: 48_370_000,
  currency: 'USD',
  description: 'Cursor cycle-to-date spend of every member (to reconcile against)',
};

function seatRows(ref: ConnectionRef) {
  return db
    .selectFrom('seat_counts')
    .selectAll()
    .where('workspace_id', '=', ref.workspaceId)
    .where('connection_id', '=', ref.connectionId)
    .execute();
}

describe('ingest of seat counts and provider totals', () => {
  it('stores a day of seat counts, and a later count of that day replaces it', async () => {
    const ref = await seedConnection({ provider: 'github' });
    const batch = { ...ingestBatch(ref, { costs: [], usage: [] }), provider: 'github' as const };

    expect(await ingestRecords(env.DB, { ...batch, seats: [seatCount()] }, NOW)).toMatchObject({
      ok: true,
    });
    const later = { ...batch, seats: [seatCount({ totalSeats: 41, activeSeats: 35 })] };
    expect(await ingestRecords(env.DB, later, NOW)).toMatchObject({ ok: true });

    expect(await seatRows(ref)).toEqual([
      {
        workspace_id: ref.workspaceId,
        connection_id: ref.connectionId,
        record_key: 'seats|2026-07-21',
        provider: 'github',
        seat_date: '2026-07-21',
        total_seats: 41,
        active_seats: 35,
        inactive_seats: 6,
        pending_cancellation_seats: 1,
        pending_invitation_seats: 2,
        updated_at: NOW.toISOString(),
      },
    ]);
  });

  it('keeps a reported total apart from spend: no cost row comes of it', async () => {
    const ref = await seedConnection({ provider: 'cursor' });
    const batch = { ...ingestBatch(ref, { costs: [], usage: [] }), provider: 'cursor' as const };

    await ingestRecords(env.DB, { ...batch, totals: [CYCLE_TOTAL] }, NOW);

    const totals = await db
      .selectFrom('provider_totals')
      .select(['amount_micros', 'currency'])
      .where('workspace_id', '=', ref.workspaceId)
      .execute();
    expect(totals).toEqual([{ amount_micros: 48_370_000, currency: 'USD' }]);
    expect(await readCosts(ref)).toEqual([]);
  });

  it('writes no seats for a connection of another workspace', async () => {
    const ref = await seedConnection({ provider: 'github' });
    const other = await seedConnection({ provider: 'github' });
    const forged = { ...ingestBatch(ref, { costs: [], usage: [] }), provider: 'github' as const };

    const result = await ingestRecords(
      env.DB,
      { ...forged, connectionId: other.connectionId, seats: [seatCount()] },
      NOW,
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'connection_gone' } });
    expect(await seatRows({ ...ref, connectionId: other.connectionId })).toEqual([]);
  });

  it('refuses a seat count with a negative number, writing nothing', async () => {
    const ref = await seedConnection({ provider: 'github' });
    const batch = { ...ingestBatch(ref, { costs: [], usage: [] }), provider: 'github' as const };

    const result = await ingestRecords(
      env.DB,
      { ...batch, seats: [seatCount({ totalSeats: -1 })] },
      NOW,
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await seatRows(ref)).toEqual([]);
  });
});
