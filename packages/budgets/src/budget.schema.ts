import { CurrencySchema } from '@stax/contracts';
import { z } from 'zod';

/** What a budget counts: the whole workspace, or one provider, connection, tag or model. */
export const BUDGET_SCOPE_KINDS = ['workspace', 'provider', 'connection', 'tag', 'model'] as const;
export const BudgetScopeKindSchema = z.enum(BUDGET_SCOPE_KINDS);
export type BudgetScopeKind = z.infer<typeof BudgetScopeKindSchema>;

export const PERIOD_KINDS = ['month', 'quarter', 'week'] as const;
export const PeriodKindSchema = z.enum(PERIOD_KINDS);

/** A threshold watches actual spend, or the run-rate forecast of the period. */
export const ThresholdBasisSchema = z.enum(['actual', 'forecast']);
export type ThresholdBasis = z.infer<typeof ThresholdBasisSchema>;

/** Thresholds are whole percents of the budget; above 100 warns of an overrun's size. */
export const ThresholdPercentSchema = z.number().int().min(1).max(1000);

/** A budget's scope: `value` is null exactly for the whole workspace. */
export const BudgetScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace'), value: z.null() }),
  z.object({ kind: BudgetScopeKindSchema.exclude(['workspace']), value: z.string().min(1) }),
]);
export type BudgetScope = z.infer<typeof BudgetScopeSchema>;

export const ThresholdSchema = z.object({
  id: z.string().min(1),
  percent: ThresholdPercentSchema,
  basis: ThresholdBasisSchema,
});
export type Threshold = z.infer<typeof ThresholdSchema>;

/** A budget as stored, checked when read back. */
export const BudgetSchema = z.object({
  id: z.string().min(1),
  workspaceId: z.string().min(1),
  name: z.string().min(1),
  amountMicros: z.number().int().positive().refine(Number.isSafeInteger),
  currency: CurrencySchema,
  period: z.object({ kind: PeriodKindSchema, startDay: z.number().int().min(1).max(31) }),
  scope: BudgetScopeSchema,
  thresholds: z.array(ThresholdSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Budget = z.infer<typeof BudgetSchema>;
