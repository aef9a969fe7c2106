import { beforeAll, describe, expect, it } from 'vitest';
import { FOCUS_COLUMNS } from '../src/exports/focus';
import { call, newWorkspace, withJson } from './helpers';
import { seedCosts, seedUsage, workspaceIdOf } from './seed-records';

const FOCUS_HEADER =
  'BilledCost,EffectiveCost,ListCost,ContractedCost,BillingCurrency,BillingAccountId,' +
  'BillingAccountName,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,' +
  'ChargeCategory,ChargeClass,ChargeDescription,PricingQuantity,PricingUnit,ServiceName,' +
  'ServiceCategory,InvoiceIssuerName,ServiceProviderName,HostProviderName,ProviderName,' +
  'PublisherName,ConsumedQuantity,ConsumedUnit,SubAccountId,x_Model,x_ApiKeyId,x_InputTokens,' +
  'x_CachedInputTokens,x_CacheWriteTokens,x_OutputTokens,x_Requests,x_Source,x_Tag';

let headers: Record<string, string>;
let connectionId: string;

/** Parses the CSV this API writes (no quoted line breaks in these fixtures). */
function parseCsv(text: string): Array<Record<string, string>> {
  const [header = '', ...lines] = text.split('\r\n').filter((line) => line !== '');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells =
      line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)?.map((cell) => cell.replace(/,$/, '')) ?? [];
    return Object.fromEntries(
      columns.map((column, index) => [column, unquote(cells[index] ?? '')]),
    );
  });
}

function unquote(cell: string): string {
  return cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
}

beforeAll(async () => {
  const { token } = await newWorkspace();
  headers = { authorization: `Bearer ${token}` };
  const created = await call(
    '/api/v1/connections',
    withJson(
      { provider: 'openai', label: 'Acme, Inc.', credential: 'sk-admin-sim-exports' },
      { token },
    ),
  );
  connectionId = ((await created.json()) as { id: string }).id;
  const workspaceId = await workspaceIdOf(token);
  await seedCosts(workspaceId, [
    {
      key: 'a-gpt5',
      connection: connectionId,
      provider: 'openai',
      day: '2026-03-10',
      model: 'gpt-5',
      projectId: 'proj_1',
      apiKeyId: 'key_1',
      micros: 12_345_679,
      description: 'gpt-5, input',
      quantity: 1500.5,
      unit: 'tokens',
    },
    {
      key: 'b-tax',
      connection: connectionId,
      provider: 'openai',
      day: '2026-03-10',
      category: 'tax',
      micros: 1_000_000,
      quantity: 3,
      unit: 'requests',
      source: 'invoice',
    },
    {
      key: 'c-in',
      connection: connectionId,
      provider: 'openai',
      day: '2026-03-11',
      model: 'gpt-4o',
      micros: 5,
    },
    {
      key: 'd-out',
      connection: connectionId,
      provider: 'openai',
      day: '2026-03-11',
      model: 'gpt-4o',
      micros: 7,
    },
    {
      key: 'e-eur',
      connection: 'con_zzzzzzzzzzzzzzzzzzzz',
      provider: 'mistral',
      day: '2026-02-28',
      micros: -2_500_000,
      currency: 'EUR',
      category: 'credit',
    },
  ]);
  await seedUsage(workspaceId, [
    {
      connection: connectionId,
      day: '2026-03-10',
      model: 'gpt-5',
      projectId: 'proj_1',
      apiKeyId: 'key_1',
      tokens: [1000, 200, 0, 300],
      requests: 7,
    },
    {
      connection: connectionId,
      day: '2026-03-11',
      model: 'gpt-4o',
      tokens: [50, 0, 0, 60],
      requests: null,
    },
  ]);
  await call(
    '/api/v1/tags',
    withJson(
      { name: '=cmd|calc', rules: [{ field: 'model', match: 'exact', value: 'gpt-5' }] },
      { token },
    ),
  );
});

describe('GET /api/v1/export/spend.csv', () => {
  it('answers the rows of /spend as CSV, amounts exact', async () => {
    const response = await call(
      '/api/v1/export/spend.csv?from=2026-02-01&to=2026-04-01&group_by=provider',
      { headers },
    );
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="stax-spend-2026-02-01-2026-04-01.csv"',
    );
    expect(await response.text()).toBe(
      'provider,currency,amount,amount_micros\r\n' +
        'openai,USD,13.345691,13345691\r\n' +
        'mistral,EUR,-2.50,-2500000\r\n',
    );
  });

  it('groups by tag, with a tag name that looks like a formula quoted out', async () => {
    const response = await call(
      '/api/v1/export/spend.csv?from=2026-03-01&to=2026-04-01&group_by=tag',
      { headers },
    );
    expect(await response.text()).toBe(
      'tag,currency,amount,amount_micros\r\n' +
        "'=cmd|calc,USD,12.345679,12345679\r\n" +
        'untagged,USD,1.000012,1000012\r\n',
    );
  });

  it('answers 400 naming the field for a bad range', async () => {
    const response = await call('/api/v1/export/spend.csv?from=2026-04-01&to=2026-03-01', {
      headers,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field: 'to' });
  });
});

describe('GET /api/v1/export/focus.csv', () => {
  let rows: Array<Record<string, string>>;
  let text: string;

  beforeAll(async () => {
    const response = await call('/api/v1/export/focus.csv?from=2026-02-01&to=2026-04-01', {
      headers,
    });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    text = await response.text();
    rows = parseCsv(text);
  });

  it('starts with the mandatory FOCUS 1.3 columns in order, then the conditional, then x_', () => {
    expect(text.split('\r\n')[0]).toBe(FOCUS_HEADER);
    expect(FOCUS_COLUMNS.join(',')).toBe(FOCUS_HEADER);
  });

  it('writes one row per charge, oldest first', () => {
    expect(rows.map((row) => [row.ChargePeriodStart, row.BilledCost])).toEqual([
      ['2026-02-28T00:00:00Z', '-2.50'],
      ['2026-03-10T00:00:00Z', '12.345679'],
      ['2026-03-10T00:00:00Z', '1.00'],
      ['2026-03-11T00:00:00Z', '0.000005'],
      ['2026-03-11T00:00:00Z', '0.000007'],
    ]);
  });

  // A usage charge checked column by column against the specification's rules.
  it.each([
    ['BilledCost', '12.345679', 'Decimal in the billing currency, exact, no exponent or separator'],
    ['EffectiveCost', '12.345679', 'no amortized commitment: equals the billed cost'],
    ['ListCost', '12.345679', 'no list unit price reported: equals the billed cost'],
    ['ContractedCost', '12.345679', 'no negotiated price reported: equals the billed cost'],
    ['BillingCurrency', 'USD', 'ISO 4217 code'],
    ['BillingAccountId', '', 'the connection id'],
    ['BillingAccountName', 'Acme, Inc.', 'the connection label, quoted in the CSV for its comma'],
    ['BillingPeriodStart', '2026-03-01T00:00:00Z', 'calendar month of the charge, UTC, inclusive'],
    ['BillingPeriodEnd', '2026-04-01T00:00:00Z', 'exclusive end'],
    ['ChargePeriodStart', '2026-03-10T00:00:00Z', 'YYYY-MM-DDTHH:mm:ssZ'],
    ['ChargePeriodEnd', '2026-03-11T00:00:00Z', 'exclusive end'],
    ['ChargeCategory', 'Usage', 'an allowed value'],
    ['ChargeClass', '', 'null: not a correction'],
    ['ChargeDescription', 'gpt-5, input', 'as the provider described it'],
    ['PricingQuantity', '1500.5', 'the quantity the provider reported'],
    ['PricingUnit', 'tokens', 'its unit'],
    ['ServiceName', 'OpenAI API', 'the service'],
    ['ServiceCategory', 'AI and Machine Learning', 'an allowed value'],
    ['InvoiceIssuerName', 'OpenAI', 'who invoices'],
    ['ServiceProviderName', 'OpenAI', 'who sells the service'],
    ['HostProviderName', 'OpenAI', 'who runs it'],
    ['ProviderName', 'OpenAI', 'deprecated in 1.3, still mandatory'],
    ['PublisherName', 'OpenAI', 'deprecated in 1.3, still mandatory'],
    ['ConsumedQuantity', '1500.5', 'a usage charge with a known quantity'],
    ['ConsumedUnit', 'tokens', 'its unit'],
    ['SubAccountId', 'proj_1', 'the provider project'],
    ['x_Model', 'gpt-5', 'Stax: the model'],
    ['x_ApiKeyId', 'key_1', 'Stax: the provider key id'],
    ['x_InputTokens', '1000', 'the only charge of its model, project and key that day'],
    ['x_CachedInputTokens', '200', 'same'],
    ['x_CacheWriteTokens', '0', 'a reported zero stays zero'],
    ['x_OutputTokens', '300', 'same'],
    ['x_Requests', '7', 'same'],
    ['x_Source', 'reported', 'where the number came from'],
    ['x_Tag', '=cmd|calc', 'the tag, quoted out of formula form in the file'],
  ])('writes %s as %j (%s)', (column, expected) => {
    const row = rows[1] ?? {};
    const value = column === 'BillingAccountId' ? connectionId : expected;
    const cell = column === 'x_Tag' ? `'${value}` : value;
    expect(row[column]).toBe(cell);
  });

  it('leaves null cells empty, never zero: tax has no quantity, split line items no tokens', () => {
    const tax = rows[2] ?? {};
    expect([
      tax.ChargeCategory,
      tax.PricingQuantity,
      tax.PricingUnit,
      tax.ConsumedQuantity,
    ]).toEqual(['Tax', '', '', '']);
    expect(tax.x_Source).toBe('invoice');
    const split = rows[3] ?? {};
    expect([
      split.x_InputTokens,
      split.x_OutputTokens,
      split.x_Requests,
      split.SubAccountId,
    ]).toEqual(['', '', '', '']);
  });

  it('writes a credit of another currency as a negative decimal with its own currency', () => {
    const credit = rows[0] ?? {};
    expect([
      credit.BilledCost,
      credit.BillingCurrency,
      credit.ChargeCategory,
      credit.ServiceProviderName,
    ]).toEqual(['-2.50', 'EUR', 'Credit', 'Mistral AI']);
    expect([credit.BillingPeriodStart, credit.BillingPeriodEnd]).toEqual([
      '2026-02-01T00:00:00Z',
      '2026-03-01T00:00:00Z',
    ]);
  });
});
