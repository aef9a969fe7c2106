/** How many micro-units make one unit of a currency. */
export const MICROS_PER_UNIT = 1_000_000;

/**
 * The power of ten between the unit a provider writes and a micro-unit: dollars are 6
 * (1 dollar = 10^6 micros), cents are 4 (1 cent = 10^4 micros).
 */
export type DecimalScale = 6 | 4;

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const MAX_EXPONENT = 40;

/**
 * Reads decimal text (as a provider wrote it, never through a float) and returns integer
 * micro-units, rounding a fraction below one micro-unit half to even, once. Returns null
 * for text that is not a decimal number or whose result is not a safe integer.
 */
export function parseMicros(text: string, scale: DecimalScale): number | null {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return null;

  const digits = BigInt(whole + fraction);
  const shift = exponent - fraction.length + scale;
  const magnitude = shift >= 0 ? digits * 10n ** BigInt(shift) : divideHalfEven(digits, -shift);
  const micros = sign ? -magnitude : magnitude;

  if (micros > BigInt(Number.MAX_SAFE_INTEGER) || micros < BigInt(Number.MIN_SAFE_INTEGER)) {
    return null;
  }
  return micros === 0n ? 0 : Number(micros);
}

function divideHalfEven(dividend: bigint, decimalPlaces: number): bigint {
  const divisor = 10n ** BigInt(decimalPlaces);
  const quotient = dividend / divisor;
  const twiceRemainder = (dividend % divisor) * 2n;
  if (twiceRemainder > divisor) return quotient + 1n;
  if (twiceRemainder < divisor) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/**
 * Writes integer micro-units as exact decimal text of the currency's unit, with at least two
 * decimals and no trailing zeros beyond them: 412805000 -> "412.805".
 */
export function formatMicros(micros: number): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError('micros must be a safe integer');
  const negative = micros < 0;
  const digits = Math.abs(micros).toString().padStart(7, '0');
  const whole = digits.slice(0, -6);
  const fraction = digits.slice(-6).replace(/0{1,4}$/, '');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Adds micro-unit amounts, refusing a sum that a double could no longer hold exactly. */
export function addMicros(...amounts: number[]): number {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum of micros is not a safe integer');
  }
  return total;
}
