import { z } from 'zod';

const MoneyFields = { amount: z.string(), amountMicros: z.number().int() };

/** A budget as GET /api/v1/budgets shows it, with where it stands this period. */
export const BudgetSchema = z.object({
  id: z.string(),
  name: z.string(),
  ...MoneyFields,
  currency: z.string(),
  period: z.string(),
  scope: z.object({ kind: z.string(), value: z.string().nullable() }),
  state: z.string(),
  current: z.object({ startDate: z.string(), endDate: z.string() }),
  spend: z.object(MoneyFields),
  forecast: z.object({ ...MoneyFields, ready: z.boolean() }),
  thresholds: z.array(
    z.object({ id: z.string(), percent: z.number(), basis: z.string(), reached: z.boolean() }),
  ),
});
export type Budget = z.infer<typeof BudgetSchema>;

export const BudgetListSchema = z.object({ budgets: z.array(BudgetSchema) });

export const AlertSchema = z.object({
  id: z.string(),
  kind: z.string(),
  budgetId: z.string().nullable(),
  connectionId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  email: z.object({ status: z.string(), sentAt: z.string().nullable() }),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertListSchema = z.object({ alerts: z.array(AlertSchema) });
