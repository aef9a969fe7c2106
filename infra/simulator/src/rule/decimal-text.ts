const NANOS_PER_DOLLAR = 1_000_000_000n;
const UNITS_PER_CENT = 1_000_000n;

/**
 * Exact dollar text of a nano-dollar count (`12345678901n` → `"12.345678901"`), trailing zeros
 * trimmed and at least one fraction digit, the way a JSON float from Python reads.
 */
export function nanosToDollarText(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  const magnitude = nanos < 0n ? -nanos : nanos;
  const whole = magnitude / NANOS_PER_DOLLAR;
  const fraction = (magnitude % NANOS_PER_DOLLAR).toString().padStart(9, '0').replace(/0+$/, '');
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

/** Exact cent text with six decimals of a count of millionths of a cent (`"41280.500000"`). */
export function unitsToCentsText(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const magnitude = units < 0n ? -units : units;
  const fraction = (magnitude % UNITS_PER_CENT).toString().padStart(6, '0');
  return `${sign}${magnitude / UNITS_PER_CENT}.${fraction}`;
}
