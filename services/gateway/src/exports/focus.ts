import { formatMicros } from '@stax/money';

/**
 * The columns of Stax's FOCUS 1.3 export, in order: the mandatory columns, then the
 * conditional ones Stax can fill, then Stax's own (`x_`).
 */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'BillingCurrency',
  'BillingAccountId',
  'BillingAccountName',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'PricingQuantity',
  'PricingUnit',
  'ServiceName',
  'ServiceCategory',
  'InvoiceIssuerName',
  'ServiceProviderName',
  'HostProviderName',
  'ProviderName',
  'PublisherName',
  'ConsumedQuantity',
  'ConsumedUnit',
  'SubAccountId',
  'x_Model',
  'x_ApiKeyId',
  'x_InputTokens',
  'x_CachedInputTokens',
  'x_CacheWriteTokens',
  'x_OutputTokens',
  'x_Requests',
  'x_Source',
  'x_Tag',
] as const;
export type FocusColumn = (typeof FOCUS_COLUMNS)[number];
export type FocusRow = Record<FocusColumn, string>;

/** One stored charge with what the export adds to it. */
export interface ChargeForExport {
  provider: string;
  connectionId: string;
  connectionLabel: string | null;
  chargePeriodStart: string;
  chargePeriodEnd: string;
  chargeCategory: string;
  billedCostMicros: number;
  currency: string;
  serviceName: string;
  model: string | null;
  chargeDescription: string | null;
  projectId: string | null;
  apiKeyId: string | null;
  consumedQuantity: number | null;
  consumedUnit: string | null;
  source: string;
  tag: string | null;
  /** Token and request counts, only when exactly this charge carries them (see README). */
  usage: {
    inputTokens: number;
    cachedInputTokens: number;
    cacheWriteTokens: number;
    outputTokens: number;
    requests: number | null;
  } | null;
}

// The company that sells, hosts and invoices each provider's service.
const COMPANY_OF: Record<string, string> = {
  openai: 'OpenAI',
  chatgpt: 'OpenAI',
  anthropic: 'Anthropic',
  cursor: 'Cursor',
  github: 'GitHub',
  google: 'Google',
  perplexity: 'Perplexity',
  mistral: 'Mistral AI',
};

const CHARGE_CATEGORIES: Record<string, string> = {
  usage: 'Usage',
  purchase: 'Purchase',
  tax: 'Tax',
  credit: 'Credit',
  adjustment: 'Adjustment',
};

/** FOCUS Date/Time: UTC, `YYYY-MM-DDTHH:mm:ssZ`, no fraction. */
export function focusInstant(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The calendar month (UTC) a charge is billed in: providers invoice by calendar month. */
function billingPeriodOf(chargePeriodStart: string): { start: string; end: string } {
  const start = new Date(chargePeriodStart);
  const first = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  const next = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  return {
    start: focusInstant(new Date(first).toISOString()),
    end: focusInstant(new Date(next).toISOString()),
  };
}

/** FOCUS numeric format: plain decimal digits, never an exponent; null as empty. */
export function focusNumber(value: number | null): string {
  if (value === null) return '';
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function countText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * Projects a charge onto FOCUS columns. Providers report no list or negotiated prices, so
 * List, Contracted and Effective cost equal the billed cost. Pricing quantity and unit are the
 * consumed ones where the provider reports them; a tax row has none, as FOCUS requires.
 */
export function toFocusRow(charge: ChargeForExport): FocusRow {
  const cost = formatMicros(charge.billedCostMicros);
  const company = COMPANY_OF[charge.provider] ?? charge.provider;
  const category = CHARGE_CATEGORIES[charge.chargeCategory] ?? 'Adjustment';
  const period = billingPeriodOf(charge.chargePeriodStart);
  const quantityKnown = category !== 'Tax' && charge.consumedQuantity !== null;
  const consumed = category === 'Usage' && quantityKnown;
  return {
    BilledCost: cost,
    EffectiveCost: cost,
    ListCost: cost,
    ContractedCost: cost,
    BillingCurrency: charge.currency,
    BillingAccountId: charge.connectionId,
    BillingAccountName: charge.connectionLabel ?? '',
    BillingPeriodStart: period.start,
    BillingPeriodEnd: period.end,
    ChargePeriodStart: focusInstant(charge.chargePeriodStart),
    ChargePeriodEnd: focusInstant(charge.chargePeriodEnd),
    ChargeCategory: category,
    ChargeClass: '',
    ChargeDescription: charge.chargeDescription ?? '',
    PricingQuantity: quantityKnown ? focusNumber(charge.consumedQuantity) : '',
    PricingUnit: quantityKnown ? (charge.consumedUnit ?? '') : '',
    ServiceName: charge.serviceName,
    ServiceCategory: 'AI and Machine Learning',
    InvoiceIssuerName: company,
    ServiceProviderName: company,
    HostProviderName: company,
    ProviderName: company,
    PublisherName: company,
    ConsumedQuantity: consumed ? focusNumber(charge.consumedQuantity) : '',
    ConsumedUnit: consumed ? (charge.consumedUnit ?? '') : '',
    SubAccountId: charge.projectId ?? '',
    x_Model: charge.model ?? '',
    x_ApiKeyId: charge.apiKeyId ?? '',
    x_InputTokens: countText(charge.usage?.inputTokens),
    x_CachedInputTokens: countText(charge.usage?.cachedInputTokens),
    x_CacheWriteTokens: countText(charge.usage?.cacheWriteTokens),
    x_OutputTokens: countText(charge.usage?.outputTokens),
    x_Requests: countText(charge.usage?.requests),
    x_Source: charge.source,
    x_Tag: charge.tag ?? '',
  };
}
