import { dayStartUnixSeconds, isDataDay, isWeekend } from './calendar';
import { hash32 } from './hash';

/** Micro-dollars per token (1 micro-dollar = 0.0001 cent): input, output, cache write, read. */
export const CURSOR_MODEL_PRICES = {
  'claude-4.5-sonnet': { input: 3, output: 15, cacheWrite: 4, cacheRead: 1 },
  'gpt-5': { input: 2, output: 10, cacheWrite: 2, cacheRead: 1 },
  'gemini-2.5-pro': { input: 2, output: 12, cacheWrite: 3, cacheRead: 1 },
} as const;
export type CursorModel = keyof typeof CURSOR_MODEL_PRICES;

const CURSOR_MODELS = Object.keys(CURSOR_MODEL_PRICES) as CursorModel[];
const MILLIS_PER_DAY = 86_400_000;
const MICROS_PER_CENT = 10_000;

/** One usage event as the rule makes it: exact micro-dollars and the float cents Cursor sends. */
export interface CursorUsageEvent {
  readonly timestampMs: number;
  readonly userIndex: number;
  readonly model: CursorModel;
  readonly kind: 'Usage-based' | 'Included in Business';
  readonly tokenBased: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheWriteTokens: number;
  readonly cacheReadTokens: number;
  /** Exact cost in micro-dollars (0 for an event priced per request). */
  readonly costMicros: number;
  /** `totalCents` as it goes on the wire: a float sum with binary noise. */
  readonly totalCentsText: string;
}

function draw(org: string, day: string, index: number, field: string): number {
  return hash32('cursor', org, day, index, field);
}

/** Events of a team on a day: 12–24 on weekdays, 3–7 on weekends, none outside data days. */
export function cursorEventCount(org: string, day: string): number {
  if (!isDataDay(day)) return 0;
  const h = hash32('cursor', org, day, 'events');
  return isWeekend(day) ? 3 + (h % 5) : 12 + (h % 13);
}

function cursorEvent(org: string, day: string, index: number): CursorUsageEvent {
  const d = (field: string) => draw(org, day, index, field);
  const model = CURSOR_MODELS[d('model') % CURSOR_MODELS.length] ?? 'gpt-5';
  const price = CURSOR_MODEL_PRICES[model];
  const tokenBased = d('priced') % 10 !== 0;
  const tokens = {
    inputTokens: tokenBased ? 200 + (d('input') % 5000) : 0,
    outputTokens: tokenBased ? 50 + (d('output') % 2000) : 0,
    cacheWriteTokens: tokenBased ? d('write') % 8000 : 0,
    cacheReadTokens: tokenBased ? d('read') % 40000 : 0,
  };
  const costMicros =
    tokens.inputTokens * price.input +
    tokens.outputTokens * price.output +
    tokens.cacheWriteTokens * price.cacheWrite +
    tokens.cacheReadTokens * price.cacheRead;
  // Summed in floats on purpose, as Cursor does: the text carries binary noise.
  const cents =
    tokens.inputTokens * (price.input / MICROS_PER_CENT) +
    tokens.outputTokens * (price.output / MICROS_PER_CENT) +
    tokens.cacheWriteTokens * (price.cacheWrite / MICROS_PER_CENT) +
    tokens.cacheReadTokens * (price.cacheRead / MICROS_PER_CENT);
  return {
    timestampMs: dayStartUnixSeconds(day) * 1000 + (d('at') % MILLIS_PER_DAY),
    userIndex: d('user') % 8,
    model,
    kind: d('kind') % 4 === 0 ? 'Included in Business' : 'Usage-based',
    tokenBased,
    ...tokens,
    costMicros,
    totalCentsText: String(cents),
  };
}

/** Every usage event of a team on a UTC day, oldest first. */
export function cursorUsageEvents(org: string, day: string): CursorUsageEvent[] {
  const count = cursorEventCount(org, day);
  const events = Array.from({ length: count }, (_, index) => cursorEvent(org, day, index));
  return events.sort((a, b) => a.timestampMs - b.timestampMs);
}

/** One member's cycle-to-date spend: whole cents. */
export interface CursorMemberSpend {
  readonly index: number;
  readonly spendCents: number;
}

/** The team's members (5–24) and their spend in the cycle that starts on `cycleStartDay`. */
export function cursorMemberSpend(org: string, cycleStartDay: string): CursorMemberSpend[] {
  const members = 5 + (hash32('cursor', org, 'members') % 20);
  return Array.from({ length: members }, (_, index) => ({
    index,
    spendCents: hash32('cursor', org, cycleStartDay, index, 'spend') % 20_000,
  }));
}
