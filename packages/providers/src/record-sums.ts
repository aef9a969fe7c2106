import type { CostRecord, ProviderTotal, SeatCount, UsageRecord } from '@stax/contracts';
import type { RecordSet } from './adapter';

function sumByKey<R extends { recordKey: string }>(
  records: readonly R[],
  add: (total: R, record: R) => R,
): R[] {
  const totals = new Map<string, R>();
  for (const record of records) {
    const total = totals.get(record.recordKey);
    totals.set(record.recordKey, total === undefined ? record : add(total, record));
  }
  return [...totals.values()];
}

function addCosts(total: CostRecord, record: CostRecord): CostRecord {
  const quantity =
    total.consumedQuantity === null || record.consumedQuantity === null
      ? null
      : total.consumedQuantity + record.consumedQuantity;
  return {
    ...total,
    billedCostMicros: total.billedCostMicros + record.billedCostMicros,
    consumedQuantity: quantity,
  };
}

function addUsage(total: UsageRecord, record: UsageRecord): UsageRecord {
  return {
    ...total,
    inputTokens: total.inputTokens + record.inputTokens,
    cachedInputTokens: total.cachedInputTokens + record.cachedInputTokens,
    cacheWriteTokens: total.cacheWriteTokens + record.cacheWriteTokens,
    outputTokens: total.outputTokens + record.outputTokens,
    requests:
      total.requests === null || record.requests === null ? null : total.requests + record.requests,
  };
}

function addSeats(total: SeatCount, record: SeatCount): SeatCount {
  return {
    ...total,
    totalSeats: total.totalSeats + record.totalSeats,
    activeSeats: total.activeSeats + record.activeSeats,
    inactiveSeats: total.inactiveSeats + record.inactiveSeats,
    pendingCancellationSeats: total.pendingCancellationSeats + record.pendingCancellationSeats,
    pendingInvitationSeats: total.pendingInvitationSeats + record.pendingInvitationSeats,
  };
}

function addTotals(total: ProviderTotal, record: ProviderTotal): ProviderTotal {
  return { ...total, amountMicros: total.amountMicros + record.amountMicros };
}

/**
 * Adds up the records that share a natural key: events of one day and model into that day's
 * total, seat tallies of several pages into the day's count. Integers only, so sums are exact.
 */
export function sumRecordsByKey(records: RecordSet): RecordSet {
  return {
    costs: sumByKey(records.costs, addCosts),
    usage: sumByKey(records.usage, addUsage),
    seats: sumByKey(records.seats, addSeats),
    totals: sumByKey(records.totals, addTotals),
  };
}

/** Joins the record sets of several pages, in order. */
export function concatRecordSets(sets: readonly RecordSet[]): RecordSet {
  return {
    costs: sets.flatMap((set) => set.costs),
    usage: sets.flatMap((set) => set.usage),
    seats: sets.flatMap((set) => set.seats),
    totals: sets.flatMap((set) => set.totals),
  };
}
