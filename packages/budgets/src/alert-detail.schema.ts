import { CurrencySchema } from '@stax/contracts';
import {
  BudgetScopeSchema,
  PeriodKindSchema,
  ThresholdBasisSchema,
  ThresholdPercentSchema,
} from './budget.schema';
import { z } from 'zod';

const Micros = z.number().int().refine(Number.isSafeInteger);
const DriverSchema = z.object({ key: z.string(), amountMicros: Micros });

const BudgetFactsSchema = z.object({
  budgetId: z.string(),
  budgetName: z.string(),
  amountMicros: Micros,
  currency: CurrencySchema,
  scope: BudgetScopeSchema,
  period: z.object({
    kind: PeriodKindSchema,
    startDate: z.string(),
    endDate: z.string(),
    timeZone: z.string(),
  }),
  threshold: z.object({ percent: ThresholdPercentSchema, basis: ThresholdBasisSchema }),
  spendMicros: Micros,
  forecastMicros: Micros,
});

/**
 * The facts an alert email is rendered from, stored as JSON on its `alert_events` row: the
 * aggregator writes them, the alert history API reads them back.
 */
export const AlertDetailSchema = z.discriminatedUnion('kind', [
  BudgetFactsSchema.extend({
    kind: z.literal('budget_threshold'),
    drivers: z.object({ providers: z.array(DriverSchema), models: z.array(DriverSchema) }),
  }),
  BudgetFactsSchema.extend({ kind: z.literal('budget_resolved') }),
  z.object({
    kind: z.literal('connection_attention'),
    connectionId: z.string(),
    label: z.string(),
    provider: z.string(),
    status: z.enum(['needs_attention', 'error']),
    lastError: z.string().nullable(),
    failedRuns: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('renewal_upcoming'),
    connectionId: z.string(),
    label: z.string(),
    provider: z.string(),
    renewalDate: z.string(),
    leadDays: z.number().int().positive(),
    daysLeft: z.number().int().nonnegative(),
    seats: z.number().int().positive(),
    pricePerSeatMicros: Micros,
    currency: CurrencySchema,
    billingCycle: z.enum(['monthly', 'annual']),
  }),
]);
export type AlertDetail = z.infer<typeof AlertDetailSchema>;
export type AlertKind = AlertDetail['kind'];
