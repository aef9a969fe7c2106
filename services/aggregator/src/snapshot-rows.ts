import type { ProviderTotal, SeatCount } from '@stax/contracts';
import type { ProviderTotalsTable, SeatCountsTable } from '@stax/db';
import type { RecordColumns } from './record-rows';

/** How a seat count maps to the columns of `seat_counts` (the owner's columns aside). */
export const SEAT_COLUMNS: RecordColumns<SeatCount, SeatCountsTable> = {
  record_key: (seats) => seats.recordKey,
  seat_date: (seats) => seats.day,
  total_seats: (seats) => seats.totalSeats,
  active_seats: (seats) => seats.activeSeats,
  inactive_seats: (seats) => seats.inactiveSeats,
  pending_cancellation_seats: (seats) => seats.pendingCancellationSeats,
  pending_invitation_seats: (seats) => seats.pendingInvitationSeats,
};

/** How a provider's reported total maps to the columns of `provider_totals`. */
export const TOTAL_COLUMNS: RecordColumns<ProviderTotal, ProviderTotalsTable> = {
  record_key: (total) => total.recordKey,
  period_start: (total) => total.periodStart,
  as_of: (total) => total.asOf,
  amount_micros: (total) => total.amountMicros,
  currency: (total) => total.currency,
  description: (total) => total.description,
};
