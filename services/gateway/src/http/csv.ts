// A cell that starts like a formula runs as one in a spreadsheet; such text is quoted out.
// A plain number (a negative amount) is left as it is.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

function csvCell(value: string): string {
  const formula = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV (RFC 4180, CRLF) with a header row; user text cannot become a spreadsheet formula. */
export function toCsv<C extends string>(
  columns: readonly C[],
  rows: ReadonlyArray<Record<C, string>>,
): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
