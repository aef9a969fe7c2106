import { ChargeCategorySchema, type ChargeCategory } from '@stax/contracts';
import { parseMicros } from '@stax/money';

/** A cell read as a value, or why it cannot be. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const MAX_TEXT_CHARS = 256;
const DAY_MS = 86_400_000;

const good = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** Decimal text of a currency unit (`12.50`, `-3`) as micro-units, never through a float. */
export function readMoney(text: string): CellResult<number> {
  if (!DECIMAL.test(text)) return bad('must be a decimal amount such as 12.50');
  const micros = parseMicros(text, 6);
  return micros === null ? bad('the amount is too large') : good(micros);
}

/** A quantity: a non-negative decimal number. Not money, so a double is exact enough. */
export function readQuantity(text: string): CellResult<number> {
  if (!DECIMAL.test(text) || text.startsWith('-')) return bad('must be a number of 0 or more');
  const quantity = Number(text);
  return Number.isFinite(quantity) ? good(quantity) : bad('the number is too large');
}

/** An ISO 4217 code, upper-cased. */
export function readCurrency(text: string): CellResult<string> {
  return CURRENCY.test(text)
    ? good(text.toUpperCase())
    : bad('must be a currency code such as USD');
}

/** A FOCUS charge category, whatever its case (`Usage`, `purchase`). */
export function readCategory(text: string): CellResult<ChargeCategory> {
  const parsed = ChargeCategorySchema.safeParse(text.toLowerCase());
  return parsed.success
    ? good(parsed.data)
    : bad('must be one of Usage, Purchase, Tax, Credit, Adjustment');
}

/** Text kept as written, within the length a record holds. */
export function readText(text: string): CellResult<string> {
  return text.length <= MAX_TEXT_CHARS
    ? good(text)
    : bad(`is longer than ${MAX_TEXT_CHARS} characters`);
}

/**
 * An instant as ISO 8601 UTC to the second. Accepts a day, a date-time with `Z` or an offset,
 * and a date-time without a zone, which is read as UTC (FOCUS requires UTC).
 */
export function readInstant(text: string): CellResult<string> {
  const day = DAY.exec(text);
  if (day) return isRealDay(text) ? good(`${text}T00:00:00Z`) : bad('is not a real date');
  const match = DATE_TIME.exec(text);
  if (!match?.[1] || !isRealDay(match[1]))
    return bad('must be a date such as 2026-10-01 or 2026-10-01T00:00:00Z');
  const zone = match[5] ?? 'Z';
  const iso = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${zone === 'Z' ? 'Z' : withColon(zone)}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return bad('is not a real time');
  return good(new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'));
}

/** The instant one UTC day after a day's start. */
export function nextDayStart(instant: string): string {
  return new Date(Date.parse(instant) + DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function withColon(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function isRealDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}
