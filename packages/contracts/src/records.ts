import { z } from 'zod';
import { UtcDaySchema, UtcInstantSchema } from './ids';

const MAX_KEY_LENGTH = 512;
const MAX_TEXT_LENGTH = 256;

const Text = z.string().max(MAX_TEXT_LENGTH);
const Count = z.number().int().nonnegative().refine(Number.isSafeInteger);

/** FOCUS charge categories. */
export const ChargeCategorySchema = z.enum(['usage', 'purchase', 'tax', 'credit', 'adjustment']);
export type ChargeCategory = z.infer<typeof ChargeCategorySchema>;

/** Where a number came from. */
export const RecordSourceSchema = z.enum(['reported', 'computed', 'invoice']);
export type RecordSource = z.infer<typeof RecordSourceSchema>;

/** ISO 4217, upper case. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/);

/**
 * One charge, named after FOCUS columns where one fits. `recordKey` is the natural key
 * within its connection: ingesting the same key again replaces, never adds.
 */
export const CostRecordSchema = z.strictObject({
  recordKey: z.string().min(1).max(MAX_KEY_LENGTH),
  chargePeriodStart: UtcInstantSchema,
  chargePeriodEnd: UtcInstantSchema,
  chargeCategory: ChargeCategorySchema,
  billedCostMicros: z.number().int().refine(Number.isSafeInteger),
  currency: CurrencySchema,
  serviceName: Text,
  model: Text.nullable(),
  chargeDescription: Text.nullable(),
  projectId: Text.nullable(),
  apiKeyId: Text.nullable(),
  consumedQuantity: z.number().nonnegative().nullable(),
  consumedUnit: Text.nullable(),
  source: RecordSourceSchema,
});
export type CostRecord = z.infer<typeof CostRecordSchema>;

/** Token and request counts for one model over one period. Requests may be unknown. */
export const UsageRecordSchema = z.strictObject({
  recordKey: z.string().min(1).max(MAX_KEY_LENGTH),
  chargePeriodStart: UtcInstantSchema,
  chargePeriodEnd: UtcInstantSchema,
  model: Text,
  projectId: Text.nullable(),
  apiKeyId: Text.nullable(),
  inputTokens: Count,
  cachedInputTokens: Count,
  cacheWriteTokens: Count,
  outputTokens: Count,
  requests: Count.nullable(),
});
export type UsageRecord = z.infer<typeof UsageRecordSchema>;

/**
 * Seats of a seat-billed plan on one UTC day, as counts and never as people. The natural key is
 * `seats|<day>` within its connection; a later count of the same day replaces the earlier one.
 */
export const SeatCountSchema = z.strictObject({
  recordKey: z.string().min(1).max(MAX_KEY_LENGTH),
  day: UtcDaySchema,
  totalSeats: Count,
  /** Seats used at least once in the current billing cycle. */
  activeSeats: Count,
  inactiveSeats: Count,
  /** Seats still billed until the cycle ends. */
  pendingCancellationSeats: Count,
  pendingInvitationSeats: Count,
});
export type SeatCount = z.infer<typeof SeatCountSchema>;

/**
 * A total the provider reports for a period, kept to reconcile the records against and never
 * added to spend (Cursor's cycle-to-date spend of every member).
 */
export const ProviderTotalSchema = z.strictObject({
  recordKey: z.string().min(1).max(MAX_KEY_LENGTH),
  periodStart: UtcInstantSchema,
  /** When the provider counted it. */
  asOf: UtcInstantSchema,
  amountMicros: z.number().int().refine(Number.isSafeInteger),
  currency: CurrencySchema,
  description: Text,
});
export type ProviderTotal = z.infer<typeof ProviderTotalSchema>;
