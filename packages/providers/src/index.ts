import { z } from 'zod';
import type { SyncedProviderId } from '@stax/contracts';
import type { ProviderAdapter } from './adapter';
import { anthropicAdapter } from './anthropic';
import { ChatGptAnalyticsKeySchema } from './chatgpt';
import { cursorAdapter } from './cursor';
import { GitHubTokenSchema } from './github';
import { openAiAdapter } from './openai';

export { costSource, emptyRecordSet, usageSource } from './adapter';
export type {
  JsonBody,
  PageContext,
  RecordSet,
  SyncPage,
  SyncSource,
  BillingReport,
  ReportAdapter,
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
export type { OutboundBody } from './client';
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
export {
  CURSOR_MIN_REQUEST_INTERVAL_MS,
  CURSOR_SPEND_PATH,
  CURSOR_USAGE_EVENTS_PATH,
  cursorAdapter,
  CursorAdminKeySchema,
  CursorSpendPageSchema,
  CursorUsageEventsPageSchema,
  mapCursorEventsPage,
  mapCursorSpendPage,
} from './cursor';
export type { CursorSpendPage, CursorUsageEventsPage } from './cursor';
export { parseExactJson } from './exact-json';
export {
  GITHUB_AI_CREDIT_USAGE_PATH,
  GITHUB_API_VERSION,
  GITHUB_OAUTH_SCOPE,
  GITHUB_OAUTH_TOKEN_PATH,
  GITHUB_SEATS_PATH,
  GITHUB_SEATS_SUMMARY_PATH,
  GitHubAiCreditUsageSchema,
  gitHubAdapter,
  GitHubCredentialSchema,
  gitHubHeaders,
  GitHubOrgSchema,
  GitHubSeatsPageSchema,
  GitHubSeatsSummarySchema,
  GitHubTokenSchema,
  mapGitHubAiCreditUsage,
  mapGitHubSeatsPage,
  mapGitHubSeatsSummary,
  nextPageOfLink,
} from './github';
export type { GitHubCredential } from './github';
export { concatRecordSets, sumRecordsByKey } from './record-sums';
export { sendRequest } from './send-request';
export {
  BIGQUERY_QUERIES_PATH,
  BIGQUERY_QUERY_RESULTS_PATH,
  billingAccountPath,
  GOOGLE_BILLING_ACCOUNT_PATH,
  GOOGLE_SCOPES,
  GOOGLE_TOKEN_PATH,
  GoogleServiceAccountKeySchema,
  GoogleSettingsSchema,
  parseGoogleConnection,
  readBillingAccount,
  storedServiceAccount,
} from './google';
export type { GoogleBillingAccount, GoogleServiceAccountKey, GoogleSettings } from './google';
export {
  ASSERTION_LIFETIME_SECONDS,
  googleAccessToken,
  GoogleTokenCache,
  readTokenAnswer,
  refusedGrant,
  signGoogleAssertion,
  tokenRequestForm,
  TOKEN_REFRESH_MARGIN_SECONDS,
  tokenCacheKey,
} from './google-token';
export type { TokenExchange, TokenFailure } from './google-token';
export {
  BIGQUERY_ROWS_PER_PAGE,
  BIGQUERY_WAIT_MS,
  DAILY_COST_FIELDS,
  dailyCostQuery,
  dailyCostQueryBody,
  GOOGLE_AI_SERVICES,
  invoiceMonthsOf,
  mapDailyCostRows,
  mapMonthTotalRows,
  MONTH_TOTAL_FIELDS,
  monthTotalQuery,
  monthTotalQueryBody,
  queriesPath,
  queryResultsRequest,
  readQueryPage,
} from './google-bigquery';
export type { BigQueryJob, QueryPage } from './google-bigquery';
export {
  addCodexRows,
  CHATGPT_CODEX_USAGE_PATH,
  ChatGptAnalyticsKeySchema,
  ChatGptSettingsSchema,
  codexCheckRequest,
  codexDayRecords,
  codexUsagePath,
  codexUsageRequest,
  CodexUsagePageSchema,
  creditCostMicros,
  readCodexUsagePage,
} from './chatgpt';
export type { ChatGptSettings, CodexDay } from './chatgpt';
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
export * from './imports';
export {
  matrixTable,
  PROVIDER_MATRIX,
  PROVIDER_NAMES,
  ProviderScopeSchema,
  providersWithKind,
  scopeOf,
} from './matrix';
export type { ProviderScope } from './matrix';
export {
  nextRenewal,
  periodOf,
  periodsBetween,
  RENEWAL_REMINDER_DAYS,
  renewalReminderDue,
  subscriptionCharge,
  SubscriptionPlanSchema,
  toPlanInput,
  toSubscriptionPlan,
} from './subscription';
export type { BillingPeriod, SubscriptionPlan, SubscriptionPlanInput } from './subscription';

/** The adapter of every provider that has a fetcher, by provider id. */
export const PROVIDER_ADAPTERS: Readonly<Partial<Record<SyncedProviderId, ProviderAdapter>>> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
  cursor: cursorAdapter,
};

// Google takes a key file, not a pasted key string: nothing of that shape passes.
const NO_PASTED_KEY = z.string().refine(() => false, { message: 'takes no pasted key' });

/** What a pasted credential of a provider must look like; checked before any network call. */
export function credentialFormatSchema(provider: SyncedProviderId): z.ZodType<string> {
  if (provider === 'chatgpt') return ChatGptAnalyticsKeySchema;
  // The organization comes with the connection's settings; the pasted part is the token.
  if (provider === 'github') return GitHubTokenSchema;
  return PROVIDER_ADAPTERS[provider]?.credentialFormat ?? NO_PASTED_KEY;
}
