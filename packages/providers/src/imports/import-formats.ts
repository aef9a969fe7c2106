import type { ChargeCategory, ProviderId, RecordSource } from '@stax/contracts';

/** What a column of an import file becomes in a normalized cost record. */
export type ImportField =
  | 'chargePeriodStart'
  | 'chargePeriodEnd'
  | 'day'
  | 'chargeCategory'
  | 'billedCost'
  | 'currency'
  | 'serviceName'
  | 'model'
  | 'chargeDescription'
  | 'skuId'
  | 'resourceId'
  | 'subAccountId'
  | 'consumedQuantity'
  | 'consumedUnit';

/** One accepted column: its header as the file writes it, and whether a file must have it. */
export interface ImportColumn {
  header: string;
  field: ImportField;
  required: boolean;
}

export type ImportFormatId = 'focus' | 'perplexity-usage' | 'mistral-usage' | 'chatgpt-invoice';

/** A file format Stax imports: its columns and what its rows are. */
export interface ImportFormat {
  id: ImportFormatId;
  title: string;
  /** Who may import it: every provider, or one. */
  provider: ProviderId | 'any';
  /** Where its numbers come from. */
  source: RecordSource;
  /** Used when the file has no charge category column. */
  defaultCategory: ChargeCategory;
  /** Used when the file has no currency column. */
  defaultCurrency: string | null;
  /** Used when the file has no unit column but a quantity. */
  defaultUnit: string | null;
  columns: readonly ImportColumn[];
  /** What the README and the scope matrix say of it, honestly. */
  note: string;
}

const column = (header: string, field: ImportField, required = false): ImportColumn => ({
  header,
  field,
  required,
});

/**
 * Every import format, the one place that says which columns Stax accepts. Headers match
 * whatever their case, spaces and underscores (`Period Start` = `period_start`). FOCUS is
 * the FinOps Open Cost and Usage Specification 1.x; the provider formats are Stax's own
 * reading of the providers' console exports, whose exact columns are not published.
 */
export const IMPORT_FORMATS: readonly ImportFormat[] = [
  {
    id: 'focus',
    title: 'FOCUS 1.x cost and usage CSV',
    provider: 'any',
    source: 'invoice',
    defaultCategory: 'usage',
    defaultCurrency: null,
    defaultUnit: null,
    columns: [
      column('ChargePeriodStart', 'chargePeriodStart', true),
      column('ChargePeriodEnd', 'chargePeriodEnd', true),
      column('BilledCost', 'billedCost', true),
      column('BillingCurrency', 'currency', true),
      column('ChargeCategory', 'chargeCategory'),
      column('ServiceName', 'serviceName'),
      column('ChargeDescription', 'chargeDescription'),
      column('SkuId', 'skuId'),
      column('ResourceId', 'resourceId'),
      column('SubAccountId', 'subAccountId'),
      column('ConsumedQuantity', 'consumedQuantity'),
      column('ConsumedUnit', 'consumedUnit'),
      column('x_Model', 'model'),
    ],
    note: 'Any provider. Other FOCUS columns are ignored; the model comes from x_Model if present.',
  },
  {
    id: 'perplexity-usage',
    title: 'Perplexity API usage export',
    provider: 'perplexity',
    source: 'reported',
    defaultCategory: 'usage',
    defaultCurrency: 'USD',
    defaultUnit: 'requests',
    columns: [
      column('Date', 'day', true),
      column('Model', 'model', true),
      column('Cost', 'billedCost', true),
      column('Currency', 'currency'),
      column('Requests', 'consumedQuantity'),
      column('Description', 'chargeDescription'),
    ],
    note: 'Perplexity has no billing API and publishes no export format; these are the columns Stax reads from a console export (one row per day and model). Cost is in USD unless a Currency column says otherwise.',
  },
  {
    id: 'mistral-usage',
    title: 'Mistral usage export',
    provider: 'mistral',
    source: 'reported',
    defaultCategory: 'usage',
    defaultCurrency: 'EUR',
    defaultUnit: 'tokens',
    columns: [
      column('Date', 'day', true),
      column('Model', 'model', true),
      column('Amount', 'billedCost', true),
      column('Currency', 'currency'),
      column('Tokens', 'consumedQuantity'),
      column('Description', 'chargeDescription'),
    ],
    note: 'Mistral has no billing API and publishes no export format; these are the columns Stax reads from the admin console usage page (one row per day and model). Amounts are EUR unless a Currency column says otherwise, and stay in their currency.',
  },
  {
    id: 'chatgpt-invoice',
    title: 'ChatGPT Team/Business invoice lines',
    provider: 'chatgpt',
    source: 'invoice',
    defaultCategory: 'purchase',
    defaultCurrency: 'USD',
    defaultUnit: 'seats',
    columns: [
      column('Period Start', 'chargePeriodStart', true),
      column('Period End', 'chargePeriodEnd', true),
      column('Description', 'chargeDescription', true),
      column('Amount', 'billedCost', true),
      column('Currency', 'currency'),
      column('Quantity', 'consumedQuantity'),
    ],
    note: "ChatGPT Team/Business has no billing API; the admin console's analytics exports hold activity, not money. Stax reads invoice lines with these columns (seats bought for a period); everything else is a subscription.",
  },
];

/** The formats a provider's import connection accepts: FOCUS, then its own. */
export function importFormatsOf(provider: ProviderId): ImportFormat[] {
  return IMPORT_FORMATS.filter(
    (format) => format.provider === 'any' || format.provider === provider,
  );
}

/** A header as compared: lower case, letters and digits only. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The import formats as the Markdown table the README shows. */
export function importFormatsTable(): string {
  const head = ['| format | who | columns (required in bold) | rows become |', '|---|---|---|---|'];
  const rows = IMPORT_FORMATS.map((format) => {
    const columns = format.columns
      .map((column) => (column.required ? `**${column.header}**` : column.header))
      .join(', ');
    const who = format.provider === 'any' ? 'every provider' : format.provider;
    const becomes = `${format.defaultCategory}, source \`${format.source}\`. ${format.note}`;
    return `| \`${format.id}\` | ${who} | ${columns} | ${becomes} |`;
  });
  return [...head, ...rows].join('\n');
}
