import { CurrencySchema, ProviderIdSchema } from '@stax/contracts';
import {
  BudgetScopeKindSchema,
  PeriodKindSchema,
  ThresholdBasisSchema,
  ThresholdPercentSchema,
} from '@stax/budgets';
import { parseMicros } from '@stax/money';
import { z } from 'zod';

/** A budget has at most this many thresholds. */
export const MAX_THRESHOLDS = 10;

const BudgetNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, { message: 'must not hold control characters' });

/**
 * Decimal text of the currency's unit, at most six decimals (a micro-unit): "1000", "49.99".
 * More decimals are refused, not rounded, so the stored amount is what was typed.
 */
const AmountSchema = z
  .string()
  .regex(/^\d{1,12}(?:\.\d{1,6})?$/, {
    message: 'must be decimal text with at most 6 decimals, as "1000.00"',
  })
  .transform((text) => parseMicros(text, 6) ?? 0)
  .refine((micros) => micros > 0, { message: 'must be more than zero' });

const ThresholdInputSchema = z.strictObject({
  percent: ThresholdPercentSchema,
  basis: ThresholdBasisSchema.default('actual'),
});

const ThresholdsInputSchema = z
  .array(ThresholdInputSchema)
  .max(MAX_THRESHOLDS)
  .refine((list) => new Set(list.map((t) => `${t.percent}|${t.basis}`)).size === list.length, {
    message: 'each threshold (percent and basis) may appear once',
  });

const ScopeValueSchema = z.string().trim().min(1).max(256);

/** A scope as sent; its value is checked against its kind (a connection also against the db). */
const ScopeInputSchema = z
  .strictObject({ kind: BudgetScopeKindSchema, value: ScopeValueSchema.nullish() })
  .superRefine((scope, context) => {
    const value = scope.value ?? null;
    if (scope.kind === 'workspace' && value !== null) {
      context.addIssue({
        code: 'custom',
        message: 'must be absent for the whole workspace',
        path: ['value'],
      });
    } else if (scope.kind !== 'workspace' && value === null) {
      context.addIssue({ code: 'custom', message: `names the ${scope.kind}`, path: ['value'] });
    } else if (scope.kind === 'provider' && !ProviderIdSchema.safeParse(value).success) {
      context.addIssue({
        code: 'custom',
        message: 'must be a provider id such as "openai"',
        path: ['value'],
      });
    }
  })
  .transform((scope) => ({ kind: scope.kind, value: scope.value ?? null }));
export type ScopeInput = z.output<typeof ScopeInputSchema>;

const StartDaySchema = z.number().int().min(1).max(31);

function startDayFitsPeriod(body: { period?: string; startDay?: number }) {
  return body.startDay === undefined || body.period !== 'week';
}
const START_DAY_ISSUE = {
  message: "a start day applies to months and quarters; weeks start on the workspace's week start",
  path: ['startDay'],
};

/** POST /api/v1/budgets. */
export const CreateBudgetSchema = z
  .strictObject({
    name: BudgetNameSchema,
    amount: AmountSchema,
    currency: CurrencySchema,
    period: PeriodKindSchema,
    startDay: StartDaySchema.optional(),
    scope: ScopeInputSchema.default({ kind: 'workspace', value: null }),
    thresholds: ThresholdsInputSchema.default([]),
  })
  .refine(startDayFitsPeriod, START_DAY_ISSUE);
export type CreateBudget = z.output<typeof CreateBudgetSchema>;

/** PATCH /api/v1/budgets/:id: what is sent changes; thresholds, when sent, replace the set. */
export const PatchBudgetSchema = z
  .strictObject({
    name: BudgetNameSchema.optional(),
    amount: AmountSchema.optional(),
    currency: CurrencySchema.optional(),
    period: PeriodKindSchema.optional(),
    startDay: StartDaySchema.optional(),
    scope: ScopeInputSchema.optional(),
    thresholds: ThresholdsInputSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'name at least one field to change',
  })
  .refine(startDayFitsPeriod, START_DAY_ISSUE);
export type PatchBudget = z.output<typeof PatchBudgetSchema>;
