const PERMILLE = 1000n;

/** How far along a bar an amount is, in permille of the budget, capped to the bar's end. */
export function barPermille(amountMicros: number, budgetMicros: number): number {
  if (budgetMicros <= 0) return 0;
  const permille = (BigInt(Math.max(0, amountMicros)) * PERMILLE) / BigInt(budgetMicros);
  return Number(permille > PERMILLE ? PERMILLE : permille);
}

/** Whole percent of the budget an amount is (rounded down), for words beside the bar. */
export function percentOf(amountMicros: number, budgetMicros: number): number {
  if (budgetMicros <= 0) return 0;
  return Number((BigInt(amountMicros) * 100n) / BigInt(budgetMicros));
}

/** Thresholds typed as "50, 80, 100": whole percents, each once; null when any is not one. */
export function parseThresholds(text: string): number[] | null {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const percents = parts.map((part) => (/^\d{1,4}$/.test(part) ? Number(part) : NaN));
  if (percents.some((percent) => !(percent >= 1 && percent <= 1000))) return null;
  return [...new Set(percents)].sort((a, b) => a - b);
}
