import { z } from 'zod';

// A JSON number as written (the text parseExactJson keeps), or a decimal string.
const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const WHOLE_TEXT = /^\d+$/;
const MAX_DECIMAL_TEXT_LENGTH = 64;

/** Largest Unix second whose date still prints as an ISO instant (9999-12-31T23:59:59Z). */
const MAX_UNIX_SECONDS = 253_402_300_799;

/** A decimal amount as exact text; it is read with parseMicros, never through a float. */
export const DecimalTextSchema = z
  .string()
  .max(MAX_DECIMAL_TEXT_LENGTH)
  .regex(DECIMAL_TEXT, { message: 'must be a decimal number' });

/** A count written as a whole number, read from its text as a safe integer. */
export const CountTextSchema = z
  .string()
  .regex(WHOLE_TEXT, { message: 'must be a whole number' })
  .transform(Number)
  .refine(Number.isSafeInteger, { message: 'must be a safe integer' });

/** A non-negative quantity that is not money (it may have a fraction): read as a number. */
export const QuantityTextSchema = DecimalTextSchema.transform(Number).refine(
  (quantity) => Number.isFinite(quantity) && quantity >= 0,
  { message: 'must be a finite quantity of zero or more' },
);

/** Seconds since the Unix epoch, as whole-number text. */
export const UnixSecondsTextSchema = CountTextSchema.refine(
  (seconds) => seconds <= MAX_UNIX_SECONDS,
  { message: 'must be a Unix time before the year 10000' },
);
