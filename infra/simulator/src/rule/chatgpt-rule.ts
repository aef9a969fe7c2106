import { isDataDay } from './calendar';
import { hash32 } from './hash';
import { dailyInputTokens, percentOf } from './volume';

/** One day of Codex in a ChatGPT Enterprise workspace. */
export interface CodexUsageDay {
  readonly day: string;
  /** Credits in hundredths: the API writes them with at most two decimals (`412.5`). */
  readonly centiCredits: bigint;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly threads: number;
  readonly turns: number;
}

const TOKENS_PER_CENTI_CREDIT = 1000;

/**
 * Codex usage of an org on a day: input tokens from the shared volume rule (scope `codex`),
 * cached = hash % 70 %, output = 3 + hash % 10 %, credits = ceil(input / 1000) hundredths,
 * turns = input / 20,000, threads = turns / 6. Null outside the data range.
 */
export function codexUsageDay(org: string, day: string): CodexUsageDay | null {
  if (!isDataDay(day)) return null;
  const inputTokens = dailyInputTokens('openai', `chatgpt-${org}`, day, 'codex', 'codex');
  const draw = (field: string) => hash32('chatgpt', org, day, field);
  const turns = Math.floor(inputTokens / 20_000);
  return {
    day,
    centiCredits: BigInt(Math.ceil(inputTokens / TOKENS_PER_CENTI_CREDIT)),
    inputTokens,
    cachedInputTokens: percentOf(inputTokens, draw('cached') % 70),
    outputTokens: percentOf(inputTokens, 3 + (draw('output') % 10)),
    threads: Math.floor(turns / 6),
    turns,
  };
}

/** Hundredths of a credit as the API writes credits: `41250n` → `412.5`, `41200n` → `412`. */
export function centiCreditsText(centiCredits: bigint): string {
  const whole = centiCredits / 100n;
  const fraction = (centiCredits % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? `${whole}` : `${whole}.${fraction}`;
}
