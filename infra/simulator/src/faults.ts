import { parsed, rejected, type Parsed } from './params';
import type { FailureKind } from './provider';

/** Global fault injection for provider endpoints; rates are probabilities per request. */
export interface FaultSettings {
  readonly rate429: number;
  readonly rate500: number;
  readonly slowMs: number;
  readonly slowRate: number;
  readonly seed: number;
}

/** What the injector decided for one request. */
export interface FaultDraw {
  readonly failure: Extract<FailureKind, 'rate_limited' | 'server_error'> | null;
  readonly delayMs: number;
}

/** No faults at all: the state after start and after `DELETE /_sim/faults`. */
export const NO_FAULTS: FaultSettings = { rate429: 0, rate500: 0, slowMs: 0, slowRate: 0, seed: 1 };

const MAX_SLOW_MS = 60_000;
const MAX_SEED = 0xffffffff;
const SETTING_NAMES = Object.keys(NO_FAULTS);

// mulberry32: tiny, seedable and good enough to spread faults; a load test replays exactly.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, request by request, which provider calls fail or slow down. */
export class FaultInjector {
  private current: FaultSettings = NO_FAULTS;
  private random = seededRandom(NO_FAULTS.seed);

  /** The settings in force. */
  get settings(): FaultSettings {
    return this.current;
  }

  /** Replaces the settings and restarts the random sequence from their seed. */
  configure(settings: FaultSettings): void {
    this.current = settings;
    this.random = seededRandom(settings.seed);
  }

  // Two draws per request whatever the outcome, so a seed always yields the same sequence.
  draw(): FaultDraw {
    const failureRoll = this.random();
    const slowRoll = this.random();
    const { rate429, rate500, slowMs, slowRate } = this.current;
    const failure =
      failureRoll < rate429
        ? 'rate_limited'
        : failureRoll < rate429 + rate500
          ? 'server_error'
          : null;
    return { failure, delayMs: slowRoll < slowRate ? slowMs : 0 };
  }
}

const SETTING_BOUNDS: ReadonlyArray<[keyof FaultSettings, { max: number; integer: boolean }]> = [
  ['rate429', { max: 1, integer: false }],
  ['rate500', { max: 1, integer: false }],
  ['slowMs', { max: MAX_SLOW_MS, integer: true }],
  ['slowRate', { max: 1, integer: false }],
  ['seed', { max: MAX_SEED, integer: true }],
];

function numberSetting(
  body: Record<string, unknown>,
  name: keyof FaultSettings,
  bounds: { max: number; integer: boolean },
): Parsed<number> {
  const value = body[name] ?? NO_FAULTS[name];
  const valid =
    typeof value === 'number' &&
    value >= 0 &&
    value <= bounds.max &&
    (!bounds.integer || Number.isInteger(value));
  const kind = bounds.integer ? 'an integer' : 'a number';
  return valid ? parsed(value) : rejected(name, `${name} must be ${kind} from 0 to ${bounds.max}`);
}

/** Validates a `POST /_sim/faults` body; omitted settings take their default. */
export function parseFaultSettings(body: unknown): Parsed<FaultSettings> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return rejected('body', 'body must be a JSON object');
  }
  const fields: Record<string, unknown> = { ...body };
  const unknown = Object.keys(fields).find((name) => !SETTING_NAMES.includes(name));
  if (unknown !== undefined) return rejected(unknown, `unknown setting ${unknown}`);
  const values: Partial<Record<keyof FaultSettings, number>> = {};
  for (const [name, bounds] of SETTING_BOUNDS) {
    const value = numberSetting(fields, name, bounds);
    if (!value.ok) return value;
    values[name] = value.value;
  }
  const settings = { ...NO_FAULTS, ...values };
  if (settings.rate429 + settings.rate500 > 1) {
    return rejected('rate500', 'rate429 + rate500 must not exceed 1');
  }
  return parsed(settings);
}
