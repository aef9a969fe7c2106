import { openaiCompletionsUsage, openaiCostLines } from '@stax/simulator/data';

// Apart from @stax/money on purpose: the benchmark must not check Stax with Stax's own code.
function divideHalfEven(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  const twice = (value % divisor) * 2n;
  if (twice !== divisor) return twice > divisor ? quotient + 1n : quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** What the simulator's rule says an OpenAI org spent and reported over some days. */
export function expectedOpenAi(org: string, days: readonly string[]) {
  let micros = 0n;
  let costs = 0;
  let usage = 0;
  for (const day of days) {
    const lines = openaiCostLines(org, day);
    for (const line of lines) micros += divideHalfEven(line.nanos, 1_000n);
    costs += lines.length;
    usage += openaiCompletionsUsage(org, day).length;
  }
  return { micros, costs, usage };
}
