import { isWeekend, LAST_DATA_DAY, monthsSinceDataStart } from './calendar';
import { hash32 } from './hash';

/** The two providers whose billing data the rule generates. */
export type BillingProvider = 'openai' | 'anthropic';

/** A weekend day carries this share of a weekday's volume. */
export const WEEKEND_PERCENT = 35;
/** Volume compounds by this much at the start of every month after January 2025. */
export const MONTHLY_GROWTH_PERCENT = 6;
/** Base daily token volume of one (project or workspace, model): MIN + hash % SPAN. */
export const BASE_TOKENS_MIN = 1_000_000;
export const BASE_TOKENS_SPAN = 9_000_000;
/** Daily jitter in percent: MIN + hash % SPAN, so 80..120. */
export const JITTER_PERCENT_MIN = 80;
export const JITTER_PERCENT_SPAN = 41;

const PPM = 1_000_000;
const GROWTH_PPM_BY_MONTH = compoundGrowthPpm(monthsSinceDataStart(LAST_DATA_DAY) + 1);

// Flooring at every step keeps the table integral, so the rule never touches a float.
function compoundGrowthPpm(months: number): readonly number[] {
  const table = [PPM];
  for (let month = 1; month < months; month += 1) {
    const previous = table[month - 1] ?? PPM;
    table.push(Math.floor((previous * (100 + MONTHLY_GROWTH_PERCENT)) / 100));
  }
  return table;
}

/** Growth factor of the day's month in parts per million (1_000_000 in January 2025). */
export function growthPpm(day: string): number {
  return GROWTH_PPM_BY_MONTH[monthsSinceDataStart(day)] ?? PPM;
}

/** 100 on weekdays, WEEKEND_PERCENT on Saturdays and Sundays. */
export function weekdayPercent(day: string): number {
  return isWeekend(day) ? WEEKEND_PERCENT : 100;
}

/**
 * Input tokens of one (project or workspace, model) on one day:
 * floor(base × growthPpm × weekdayPercent × jitterPercent / 10^10).
 */
export function dailyInputTokens(
  provider: BillingProvider,
  org: string,
  day: string,
  scope: string,
  model: string,
): number {
  const base =
    BASE_TOKENS_MIN + (hash32(provider, org, 'base', scope, model, 'tokens') % BASE_TOKENS_SPAN);
  const jitter =
    JITTER_PERCENT_MIN + (hash32(provider, org, day, scope, model, 'tokens') % JITTER_PERCENT_SPAN);
  const scaled =
    BigInt(base) * BigInt(growthPpm(day)) * BigInt(weekdayPercent(day)) * BigInt(jitter);
  return Number(scaled / 10_000_000_000n);
}

/** floor(tokens × percent / 100): the share of a token count that the rule assigns. */
export function percentOf(tokens: number, percent: number): number {
  return Math.floor((tokens * percent) / 100);
}
