import type { z } from 'zod';
import type { SyncedProviderId } from '@stax/contracts';
import type { ProviderAdapter } from './adapter';
import { anthropicAdapter } from './anthropic';
import { openAiAdapter } from './openai';

export type {
  BillingReport,
  PageFailureCode,
  ProviderAdapter,
  ProviderRequest,
  QueryParams,
  ReportPage,
} from './adapter';
export { isAllowedOutbound, isLoopbackHost, OUTBOUND_ALLOWLIST } from './allowlist';
export {
  ANTHROPIC_COST_REPORT_PATH,
  ANTHROPIC_MESSAGES_USAGE_PATH,
  ANTHROPIC_VERSION,
  AnthropicAdminKeySchema,
  AnthropicCostPageSchema,
  AnthropicUsagePageSchema,
  anthropicAdapter,
  mapAnthropicCostPage,
  mapAnthropicUsagePage,
} from './anthropic';
export type { AnthropicCostPage, AnthropicUsagePage } from './anthropic';
export {
  createProviderClient,
  OutboundRefusedError,
  parseBaseUrl,
  retryAfterSeconds,
} from './client';
export type {
  ProviderAnswer,
  ProviderClient,
  ProviderClientOptions,
  ProviderFailure,
  ProviderFailureCode,
} from './client';
export { parseExactJson } from './exact-json';
export {
  OPENAI_COMPLETIONS_USAGE_PATH,
  OPENAI_COSTS_PATH,
  OpenAiAdminKeySchema,
  OpenAiCostPageSchema,
  OpenAiUsagePageSchema,
  mapOpenAiCostPage,
  mapOpenAiUsagePage,
  modelOfLineItem,
  openAiAdapter,
} from './openai';
export type { OpenAiCostPage, OpenAiUsagePage } from './openai';
export type { DayWindow } from './time';

/** The adapter of every provider that has a fetcher, by provider id. */
export const PROVIDER_ADAPTERS: Readonly<Record<SyncedProviderId, ProviderAdapter>> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
};

/** What a pasted credential of a provider must look like; checked before any network call. */
export function credentialFormatSchema(provider: SyncedProviderId): z.ZodType<string> {
  return PROVIDER_ADAPTERS[provider].credentialFormat;
}
