import { describe, expect, it } from 'vitest';
import type { CostRecord } from '@stax/contracts';
import { readImportFile, summarizeImport, MAX_IMPORT_ROWS } from '../src/imports';
import chatgptInvoice from './fixtures/imports/chatgpt-invoice.csv?raw';
import focusMixed from './fixtures/imports/focus-mixed.csv?raw';
import mistralUsage from './fixtures/imports/mistral-usage.csv?raw';
import perplexityUsage from './fixtures/imports/perplexity-usage.csv?raw';

async function recordsOf(text: string, provider: Parameters<typeof readImportFile>[1]) {
  const read = await readImportFile(text, provider);
  if (!read.ok) throw new Error(`unexpected problem: ${JSON.stringify(read.problem)}`);
  return read.value;
}

function withoutKeys(records: CostRecord[]): Omit<CostRecord, 'recordKey'>[] {
  return records.map(({ recordKey: _, ...rest }) => rest);
}

const day = (date: string) => `${date}T00:00:00Z`;

describe('readImportFile, FOCUS', () => {
  it('maps every row to an exact record, quoted commas, quotes and line breaks included', async () => {
    const file = await recordsOf(focusMixed, 'openai');
    expect(file.format.id).toBe('focus');
    const common = { serviceName: 'Acme AI', apiKeyId: null, source: 'invoice' };
    expect(withoutKeys(file.records)).toEqual([
      {
        ...common,
        chargePeriodStart: day('2026-10-01'),
        chargePeriodEnd: day('2026-10-02'),
        chargeCategory: 'usage',
        billedCostMicros: 12_345_678,
        currency: 'USD',
        model: 'acme-large',
        chargeDescription: 'Input tokens, batch',
        projectId: 'proj-a',
        consumedQuantity: 1_200_000,
        consumedUnit: 'Tokens',
      },
      {
        ...common,
        chargePeriodStart: day('2026-10-01'),
        chargePeriodEnd: day('2026-10-02'),
        chargeCategory: 'usage',
        billedCostMicros: 100_000,
        currency: 'USD',
        model: 'acme-large',
        chargeDescription: 'Output "reasoning" tokens',
        projectId: 'proj-a',
        consumedQuantity: 300_000,
        consumedUnit: 'Tokens',
      },
      {
        ...common,
        chargePeriodStart: day('2026-10-02'),
        chargePeriodEnd: day('2026-10-03'),
        chargeCategory: 'credit',
        billedCostMicros: -5_000_001,
        currency: 'USD',
        model: null,
        chargeDescription: 'Promotional credit\nOctober',
        projectId: 'proj-a',
        consumedQuantity: null,
        consumedUnit: null,
      },
      {
        ...common,
        chargePeriodStart: day('2026-10-02'),
        chargePeriodEnd: day('2026-10-03'),
        chargeCategory: 'tax',
        billedCostMicros: 3_200_000,
        currency: 'EUR',
        model: null,
        chargeDescription: 'VAT',
        projectId: null,
        consumedQuantity: null,
        consumedUnit: null,
      },
    ]);
  });

  it('sums per currency and never across', async () => {
    const file = await recordsOf(focusMixed, 'mistral');
    const summary = summarizeImport(file.records);
    expect(summary.totals).toEqual([
      { currency: 'EUR', amountMicros: 3_200_000, amount: '3.20' },
      { currency: 'USD', amountMicros: 7_445_677, amount: '7.445677' },
    ]);
    expect(summary.days).toEqual({ first: '2026-10-01', last: '2026-10-02', count: 2 });
    expect(summary.rows).toBe(4);
  });

  it('keys rows the same way every time, and rows alike by their order', async () => {
    const text =
      'ChargePeriodStart,ChargePeriodEnd,BilledCost,BillingCurrency\n' +
      '2026-10-01,2026-10-02,1.00,USD\n2026-10-01,2026-10-02,1.00,USD\n';
    const first = await recordsOf(text, 'perplexity');
    const again = await recordsOf(text, 'perplexity');
    const keys = first.records.map((record) => record.recordKey);
    expect(again.records.map((record) => record.recordKey)).toEqual(keys);
    expect(keys[0]).toMatch(/^import\|[0-9a-f]{64}\|0$/);
    expect(keys[1]).toBe(keys[0]?.replace(/\|0$/, '|1'));
  });

  it('keeps a row key when only its amount is revised', async () => {
    const head = 'ChargePeriodStart,ChargePeriodEnd,BilledCost,BillingCurrency\n';
    const before = await recordsOf(`${head}2026-10-01,2026-10-02,1.00,USD\n`, 'openai');
    const after = await recordsOf(`${head}2026-10-01,2026-10-02,1.25,USD\n`, 'openai');
    expect(after.records[0]?.recordKey).toBe(before.records[0]?.recordKey);
  });
});

describe('readImportFile, provider exports', () => {
  it('reads a Perplexity usage export in USD', async () => {
    const file = await recordsOf(perplexityUsage, 'perplexity');
    expect(file.format.id).toBe('perplexity-usage');
    expect(
      file.records.map((record) => [record.model, record.billedCostMicros, record.currency]),
    ).toEqual([
      ['sonar-pro', 18_750_000, 'USD'],
      ['sonar', 4_200_000, 'USD'],
      ['sonar-pro', 125_000, 'USD'],
    ]);
    expect(withoutKeys(file.records)[2]).toEqual({
      chargePeriodStart: day('2026-10-02'),
      chargePeriodEnd: day('2026-10-03'),
      chargeCategory: 'usage',
      billedCostMicros: 125_000,
      currency: 'USD',
      serviceName: 'Perplexity',
      model: 'sonar-pro',
      chargeDescription: 'API usage',
      projectId: null,
      apiKeyId: null,
      consumedQuantity: 10,
      consumedUnit: 'requests',
      source: 'reported',
    });
  });

  it('reads a Mistral usage export and keeps EUR', async () => {
    const file = await recordsOf(mistralUsage, 'mistral');
    expect(file.format.id).toBe('mistral-usage');
    expect(summarizeImport(file.records).totals).toEqual([
      { currency: 'EUR', amountMicros: 8_310_300, amount: '8.3103' },
    ]);
    expect(file.records.map((record) => record.billedCostMicros)).toEqual([
      7_500_000, 810_000, 300,
    ]);
  });

  it('reads ChatGPT Business invoice lines as purchases from an invoice', async () => {
    const file = await recordsOf(chatgptInvoice, 'chatgpt');
    expect(file.format.id).toBe('chatgpt-invoice');
    expect(withoutKeys(file.records)[1]).toEqual({
      chargePeriodStart: day('2026-10-15'),
      chargePeriodEnd: day('2026-11-15'),
      chargeCategory: 'purchase',
      billedCostMicros: 420_000_000,
      currency: 'USD',
      serviceName: 'ChatGPT',
      model: null,
      chargeDescription: 'ChatGPT Business, monthly',
      projectId: null,
      apiKeyId: null,
      consumedQuantity: 14,
      consumedUnit: 'seats',
      source: 'invoice',
    });
  });

  it("does not read one provider's export for another", async () => {
    const read = await readImportFile(mistralUsage, 'perplexity');
    expect(read).toEqual({
      ok: false,
      problem: {
        line: 1,
        column: null,
        columnName: 'Cost',
        message: 'the column "Cost" is missing (Perplexity API usage export)',
      },
    });
  });
});

describe('readImportFile, malformed files', () => {
  const head = 'ChargePeriodStart,ChargePeriodEnd,BilledCost,BillingCurrency,ChargeCategory';
  const good = '2026-10-01,2026-10-02,1.00,USD,Usage';

  it.each([
    [
      'an amount that is not decimal',
      '2026-10-01,2026-10-02,1e3,USD,Usage',
      3,
      'BilledCost',
      'must be a decimal amount such as 12.50',
    ],
    [
      'an amount with a comma',
      '2026-10-01,2026-10-02,"1,000.00",USD,Usage',
      3,
      'BilledCost',
      'must be a decimal amount such as 12.50',
    ],
    [
      'a date that does not exist',
      '2026-02-30,2026-10-02,1.00,USD,Usage',
      1,
      'ChargePeriodStart',
      'is not a real date',
    ],
    [
      'a date in another format',
      '10/01/2026,2026-10-02,1.00,USD,Usage',
      1,
      'ChargePeriodStart',
      'must be a date such as 2026-10-01 or 2026-10-01T00:00:00Z',
    ],
    [
      'an end before the start',
      '2026-10-02,2026-10-01,1.00,USD,Usage',
      2,
      'ChargePeriodEnd',
      'must be after the period start',
    ],
    [
      'a bad currency',
      '2026-10-01,2026-10-02,1.00,US$,Usage',
      4,
      'BillingCurrency',
      'must be a currency code such as USD',
    ],
    [
      'an unknown category',
      '2026-10-01,2026-10-02,1.00,USD,Refund',
      5,
      'ChargeCategory',
      'must be one of Usage, Purchase, Tax, Credit, Adjustment',
    ],
    ['an empty required cell', '2026-10-01,2026-10-02,,USD,Usage', 3, 'BilledCost', 'is empty'],
  ])('refuses %s on its line and column', async (_, row, column, columnName, message) => {
    const read = await readImportFile(`${head}\n${good}\n${good}\n${row}\n${good}\n`, 'openai');
    expect(read).toEqual({ ok: false, problem: { line: 4, column, columnName, message } });
  });

  it('refuses a row with a missing column', async () => {
    const read = await readImportFile(`${head}\n${good}\n2026-10-01,2026-10-02,1.00\n`, 'openai');
    expect(read).toEqual({
      ok: false,
      problem: {
        line: 3,
        column: 4,
        columnName: null,
        message: 'the row has 3 columns; the header has 5',
      },
    });
  });

  it('refuses a file without a required column', async () => {
    const read = await readImportFile('ChargePeriodStart,ChargePeriodEnd,BilledCost\n', 'google');
    expect(read).toEqual({
      ok: false,
      problem: {
        line: 1,
        column: null,
        columnName: 'BillingCurrency',
        message: 'the column "BillingCurrency" is missing (FOCUS 1.x cost and usage CSV)',
      },
    });
  });

  it('refuses an empty file', async () => {
    expect(await readImportFile('\uFEFF', 'openai')).toEqual({
      ok: false,
      problem: { line: 1, column: null, columnName: null, message: 'the file is empty' },
    });
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => good).join('\n');
    const read = await readImportFile(`${head}\n${rows}\n`, 'openai');
    expect(read).toEqual({
      ok: false,
      problem: {
        line: MAX_IMPORT_ROWS + 2,
        column: null,
        columnName: null,
        message: 'a file may hold at most 5000 rows; split it',
      },
    });
  });
});
