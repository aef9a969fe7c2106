import { anthropicCostLines, openaiCostLines } from '@stax/simulator/data';

const DAY_MS = 86_400_000;

/** The UTC days [today - (days - 1), today], as YYYY-MM-DD. */
export function lastDays(days: number, now = new Date()): string[] {
  return Array.from({ length: days }, (_, index) =>
    new Date(now.getTime() - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

// Written apart from @stax/money on purpose: the test must not share the code it checks.
function divideHalfEven(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  const twice = (value % divisor) * 2n;
  if (twice !== divisor) return twice > divisor ? quotient + 1n : quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** OpenAI spend of a simulated org over days, in micro-dollars, rounded once per record. */
export function expectedOpenAiMicros(org: string, days: string[]): bigint {
  let total = 0n;
  for (const day of days) {
    for (const line of openaiCostLines(org, day)) total += divideHalfEven(line.nanos, 1_000n);
  }
  return total;
}

/** Anthropic spend of a simulated org over days: millionths of a cent to micro-dollars. */
export function expectedAnthropicMicros(org: string, days: string[]): bigint {
  let total = 0n;
  for (const day of days) {
    for (const line of anthropicCostLines(org, day)) total += divideHalfEven(line.units, 100n);
  }
  return total;
}
