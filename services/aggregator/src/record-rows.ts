import type { CostRecord, UsageRecord } from '@stax/contracts';
import type { CostRecordsTable, UsageRecordsTable } from '@stax/db';

type RowValue = string | number | null;

/** The columns a record fills, each with how to read it from the record, in a fixed order. */
export type RecordColumns<R, Table> = Readonly<
  Partial<Record<keyof Table, (record: R) => RowValue>>
>;

/** The UTC calendar day of an instant given as ISO 8601 with `Z`. */
export function utcDayOf(instant: string): string {
  return instant.slice(0, 10);
}

/** How a cost record maps to the columns of `cost_records` (the owner's columns aside). */
export const COST_COLUMNS: RecordColumns<CostRecord, CostRecordsTable> = {
  record_key: (record) => record.recordKey,
  usage_date: (record) => utcDayOf(record.chargePeriodStart),
  charge_period_start: (record) => record.chargePeriodStart,
  charge_period_end: (record) => record.chargePeriodEnd,
  charge_category: (record) => record.chargeCategory,
  billed_cost_micros: (record) => record.billedCostMicros,
  currency: (record) => record.currency,
  service_name: (record) => record.serviceName,
  model: (record) => record.model,
  charge_description: (record) => record.chargeDescription,
  project_id: (record) => record.projectId,
  api_key_id: (record) => record.apiKeyId,
  consumed_quantity: (record) => record.consumedQuantity,
  consumed_unit: (record) => record.consumedUnit,
  source: (record) => record.source,
};

/** How a usage record maps to the columns of `usage_records` (the owner's columns aside). */
export const USAGE_COLUMNS: RecordColumns<UsageRecord, UsageRecordsTable> = {
  record_key: (record) => record.recordKey,
  usage_date: (record) => utcDayOf(record.chargePeriodStart),
  charge_period_start: (record) => record.chargePeriodStart,
  charge_period_end: (record) => record.chargePeriodEnd,
  model: (record) => record.model,
  project_id: (record) => record.projectId,
  api_key_id: (record) => record.apiKeyId,
  input_tokens: (record) => record.inputTokens,
  cached_input_tokens: (record) => record.cachedInputTokens,
  cache_write_tokens: (record) => record.cacheWriteTokens,
  output_tokens: (record) => record.outputTokens,
  requests: (record) => record.requests,
};

/**
 * Serializes records as JSON arrays of rows (one array per row, values in column order),
 * cut into chunks of at most `maxChars` characters so that no bound parameter grows too big.
 */
export function jsonRowChunks<R, Table>(
  records: readonly R[],
  columns: RecordColumns<R, Table>,
  maxChars: number,
): string[] {
  const readers = Object.values(columns).filter(isReader<R>);
  const chunks: string[] = [];
  let rows: string[] = [];
  let chars = 0;
  for (const record of records) {
    const row = JSON.stringify(readers.map((read) => read(record)));
    if (rows.length > 0 && chars + row.length + 1 > maxChars) {
      chunks.push(`[${rows.join(',')}]`);
      rows = [];
      chars = 0;
    }
    rows.push(row);
    chars += row.length + 1;
  }
  if (rows.length > 0) chunks.push(`[${rows.join(',')}]`);
  return chunks;
}

function isReader<R>(value: unknown): value is (record: R) => RowValue {
  return typeof value === 'function';
}
