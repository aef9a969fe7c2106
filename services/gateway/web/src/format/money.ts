import { addMicros, formatMicros } from '@stax/money';

/** How much of an amount to show: the currency's usual digits, or every micro-unit. */
export type Precision = 'usual' | 'exact';

const MAX_EXACT_FRACTION_DIGITS = 6;
const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

function usualFractionDigits(currency: string, locale: string | undefined): number {
  const options = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions();
  return options.maximumFractionDigits ?? 2;
}

/**
 * Formats the API's exact decimal text ("1234.567891") in its own currency. Intl reads the
 * text as a decimal, so no digit passes through a float; `usual` rounds half away from zero
 * to the currency's digits, `exact` shows every micro-unit there is.
 */
export function formatAmount(
  amount: string,
  currency: string,
  precision: Precision = 'usual',
  locale?: string,
): string {
  if (!DECIMAL_TEXT.test(amount)) return `${amount} ${currency}`;
  try {
    const usual = usualFractionDigits(currency, locale);
    const maximum = precision === 'exact' ? Math.max(usual, MAX_EXACT_FRACTION_DIGITS) : usual;
    const format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: usual,
      maximumFractionDigits: maximum,
      roundingMode: 'halfExpand',
    });
    return format.format(amount as Intl.StringNumericLiteral);
  } catch {
    // An unknown currency code: show the number as it came rather than nothing.
    return `${amount} ${currency}`;
  }
}

/** Exact decimal text of a sum of micro-units, as the API writes amounts. */
export function sumAmountText(amountsMicros: number[]): string {
  return formatMicros(addMicros(...amountsMicros));
}

/**
 * The month's forecast at the rate so far: spend × days in month ÷ days elapsed, in integer
 * micro-units (BigInt, rounded down: a forecast is an estimate, the input stays exact).
 */
export function forecastMicros(spentMicros: number, daysElapsed: number, daysInMonth: number) {
  if (daysElapsed <= 0) return spentMicros;
  const forecast = (BigInt(spentMicros) * BigInt(daysInMonth)) / BigInt(daysElapsed);
  return Number(forecast);
}
