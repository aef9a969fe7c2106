import type { CostRecord } from '@stax/contracts';
import { addMicros, formatMicros } from '@stax/money';

const SAMPLE_ROWS = 5;

/** What an import would write, told before it does: counts, days, money per currency. */
export interface ImportSummary {
  rows: number;
  days: { first: string | null; last: string | null; count: number };
  currencies: string[];
  totals: Array<{ currency: string; amountMicros: number; amount: string }>;
  sample: CostRecord[];
}

/** Sums the records of an import per currency (never across) and takes its first rows. */
export function summarizeImport(records: readonly CostRecord[]): ImportSummary {
  const days = new Set(records.map((record) => record.chargePeriodStart.slice(0, 10)));
  const sortedDays = [...days].sort();
  const sums = new Map<string, number>();
  for (const record of records) {
    sums.set(record.currency, addMicros(sums.get(record.currency) ?? 0, record.billedCostMicros));
  }
  const currencies = [...sums.keys()].sort();
  return {
    rows: records.length,
    days: { first: sortedDays[0] ?? null, last: sortedDays.at(-1) ?? null, count: days.size },
    currencies,
    totals: currencies.map((currency) => {
      const amountMicros = sums.get(currency) ?? 0;
      return { currency, amountMicros, amount: formatMicros(amountMicros) };
    }),
    sample: records.slice(0, SAMPLE_ROWS),
  };
}
