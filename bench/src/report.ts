/** One line of the results table. */
export interface ResultRow {
  benchmark: string;
  measure: string;
  value: string;
  /** The limit it is compared against, measured in the same run. */
  limit: string;
  /** value ÷ limit, or limit ÷ value for latencies: 1 is as good as the limit. */
  ratio: string;
  target: string;
  verdict: 'met' | 'short' | '—';
}

const COLUMNS: Array<keyof ResultRow> = [
  'benchmark',
  'measure',
  'value',
  'limit',
  'ratio',
  'target',
  'verdict',
];

/** The rows as a Markdown table, ready for the terminal and for docs/benchmarks.md. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = `| ${COLUMNS.join(' | ')} |`;
  const rule = `|${COLUMNS.map(() => '---').join('|')}|`;
  const lines = rows.map((row) => `| ${COLUMNS.map((column) => row[column]).join(' | ')} |`);
  return [header, rule, ...lines].join('\n');
}

/** A number with thousands separators and at most `digits` decimals. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** A ratio to two decimals. */
export function ratio(value: number): string {
  return value.toFixed(2);
}
