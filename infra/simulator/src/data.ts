/**
 * The deterministic data rule: billing and usage of a simulated company as pure functions of
 * (provider, org, UTC day). Free of Node APIs so Workers tests can import it to compute expected
 * totals on their own. README.md states the rule in words.
 */
export { hash32 } from './rule/hash';
export {
  FIRST_DATA_DAY,
  LAST_DATA_DAY,
  SECONDS_PER_DAY,
  dayOfUnixSeconds,
  dayStartUnixSeconds,
  daysBetween,
  isDataDay,
  isWeekend,
  monthsSinceDataStart,
} from './rule/calendar';
export {
  BASE_TOKENS_MIN,
  BASE_TOKENS_SPAN,
  JITTER_PERCENT_MIN,
  JITTER_PERCENT_SPAN,
  MONTHLY_GROWTH_PERCENT,
  WEEKEND_PERCENT,
  dailyInputTokens,
  growthPpm,
  percentOf,
  weekdayPercent,
  type BillingProvider,
} from './rule/volume';
export {
  LARGE_ORG_MODELS,
  LARGE_ORG_MODELS_PER_PROJECT,
  LARGE_ORG_PREFIX,
  LARGE_ORG_PROJECTS,
  OPENAI_MODEL_PRICES,
  isLargeOrg,
  openaiModelPrice,
  openaiCompletionsUsage,
  openaiCostLines,
  openaiCostNanos,
  openaiDayCostNanos,
  openaiProjects,
  openaiUsageRows,
  type OpenAiCostLine,
  type OpenAiModel,
  type OpenAiModelPrice,
  type OpenAiProject,
  type OpenAiUsageRow,
} from './rule/openai-rule';
export {
  ANTHROPIC_MODEL_PRICES,
  WEB_SEARCH_UNITS,
  anthropicCostLines,
  anthropicCostUnits,
  anthropicDayCostUnits,
  anthropicMessagesUsage,
  anthropicWorkspaces,
  type AnthropicCostLine,
  type AnthropicModel,
  type AnthropicModelPrice,
  type AnthropicTokenType,
  type AnthropicUsageRow,
  type AnthropicWorkspace,
} from './rule/anthropic-rule';
export { nanosToDollarText, unitsToCentsText } from './rule/decimal-text';
export {
  CURSOR_MODEL_PRICES,
  cursorEventCount,
  cursorMemberSpend,
  cursorUsageEvents,
  type CursorMemberSpend,
  type CursorModel,
  type CursorUsageEvent,
} from './rule/cursor-rule';
export {
  FIRST_CREDIT_MONTH,
  GITHUB_CREDIT_MODELS,
  LAST_CREDIT_MONTH,
  githubCreditUsage,
  githubSeatBreakdown,
  githubSeats,
  type GitHubCreditUsage,
  type GitHubSeat,
  type GitHubSeatBreakdown,
} from './rule/github-rule';
export {
  GOOGLE_SERVICES,
  googleCostRows,
  googleCurrency,
  type GoogleCostRow,
  type GoogleService,
} from './rule/google-rule';
export { centiCreditsText, codexUsageDay, type CodexUsageDay } from './rule/chatgpt-rule';
