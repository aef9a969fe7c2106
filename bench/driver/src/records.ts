import type { CostRecord, UsageRecord } from '@stax/contracts';

/** Which slice of the synthetic records to make, and how they spread over days. */
export interface RecordSlice {
  /** Index of the first record; the same index always gives the same record. */
  first: number;
  count: number;
  /** Records per UTC day, counted from FIRST_DAY. */
  perDay: number;
  /** Model names carry this prefix, so two connections of one workspace differ. */
  modelPrefix: string;
}

export interface RecordSet {
  costs: CostRecord[];
  usage: UsageRecord[];
}

const FIRST_DAY_MS = Date.parse('2025-01-01T00:00:00Z');
const DAY_MS = 86_400_000;
const PROJECTS = 50;
const MODELS = 20;
/** One record in this many is usage; the rest are costs, as in a real OpenAI sync. */
const USAGE_EVERY = 4;
const LINE_KINDS = ['input', 'cached input', 'output'] as const;

function dayOf(index: number, perDay: number): string {
  return new Date(FIRST_DAY_MS + Math.floor(index / perDay) * DAY_MS).toISOString().slice(0, 10);
}

function costRecord(index: number, slice: RecordSlice): CostRecord {
  const day = dayOf(index, slice.perDay);
  const slot = index % slice.perDay;
  const projectId = `proj_bench_${slot % PROJECTS}`;
  const model = `${slice.modelPrefix}-${Math.floor(slot / PROJECTS) % MODELS}`;
  const lineItem = `${model}, ${LINE_KINDS[slot % LINE_KINDS.length] ?? 'input'}`;
  return {
    recordKey: `cost|${day}|${projectId}|${lineItem}|${slot}`,
    chargePeriodStart: `${day}T00:00:00.000Z`,
    chargePeriodEnd: `${dayOf(index + slice.perDay, slice.perDay)}T00:00:00.000Z`,
    chargeCategory: 'usage',
    billedCostMicros: 1_000 + ((index * 7_919) % 5_000_000),
    currency: 'USD',
    serviceName: 'OpenAI API',
    model,
    chargeDescription: lineItem,
    projectId,
    apiKeyId: null,
    consumedQuantity: (index * 31) % 1_000_000,
    consumedUnit: 'tokens',
    source: 'reported',
  };
}

function usageRecord(index: number, slice: RecordSlice): UsageRecord {
  const day = dayOf(index, slice.perDay);
  const slot = index % slice.perDay;
  const projectId = `proj_bench_${slot % PROJECTS}`;
  const model = `${slice.modelPrefix}-${Math.floor(slot / PROJECTS) % MODELS}`;
  const inputTokens = 10_000 + ((index * 104_729) % 9_000_000);
  return {
    recordKey: `usage|${day}|${model}|${projectId}|${slot}`,
    chargePeriodStart: `${day}T00:00:00.000Z`,
    chargePeriodEnd: `${dayOf(index + slice.perDay, slice.perDay)}T00:00:00.000Z`,
    model,
    projectId,
    apiKeyId: null,
    inputTokens,
    cachedInputTokens: Math.floor(inputTokens / 3),
    cacheWriteTokens: 0,
    outputTokens: Math.floor(inputTokens / 9),
    requests: Math.ceil(inputTokens / 1_500),
  };
}

/** The records of a slice: deterministic, one cost or usage record per index. */
export function makeRecords(slice: RecordSlice): RecordSet {
  const set: RecordSet = { costs: [], usage: [] };
  for (let index = slice.first; index < slice.first + slice.count; index += 1) {
    if (index % USAGE_EVERY === USAGE_EVERY - 1) set.usage.push(usageRecord(index, slice));
    else set.costs.push(costRecord(index, slice));
  }
  return set;
}

type RowValue = string | number | null;

/** The columns of `cost_records` a record fills, in order, after the owner's columns. */
export const COST_ROW_COLUMNS = [
  'record_key',
  'usage_date',
  'charge_period_start',
  'charge_period_end',
  'charge_category',
  'billed_cost_micros',
  'currency',
  'service_name',
  'model',
  'charge_description',
  'project_id',
  'api_key_id',
  'consumed_quantity',
  'consumed_unit',
  'source',
] as const;

/** The columns of `usage_records` a record fills, in order, after the owner's columns. */
export const USAGE_ROW_COLUMNS = [
  'record_key',
  'usage_date',
  'charge_period_start',
  'charge_period_end',
  'model',
  'project_id',
  'api_key_id',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'requests',
] as const;

/** A cost record as the values of COST_ROW_COLUMNS. */
export function costRow(record: CostRecord): RowValue[] {
  return [
    record.recordKey,
    record.chargePeriodStart.slice(0, 10),
    record.chargePeriodStart,
    record.chargePeriodEnd,
    record.chargeCategory,
    record.billedCostMicros,
    record.currency,
    record.serviceName,
    record.model,
    record.chargeDescription,
    record.projectId,
    record.apiKeyId,
    record.consumedQuantity,
    record.consumedUnit,
    record.source,
  ];
}

/** A usage record as the values of USAGE_ROW_COLUMNS. */
export function usageRow(record: UsageRecord): RowValue[] {
  return [
    record.recordKey,
    record.chargePeriodStart.slice(0, 10),
    record.chargePeriodStart,
    record.chargePeriodEnd,
    record.model,
    record.projectId,
    record.apiKeyId,
    record.inputTokens,
    record.cachedInputTokens,
    record.cacheWriteTokens,
    record.outputTokens,
    record.requests,
  ];
}
