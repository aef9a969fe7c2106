import { isDataDay } from './calendar';
import { hash32 } from './hash';
import { dailyInputTokens, percentOf } from './volume';

/** Prices in millionths of a cent per token (list price in $ per million tokens × 100). */
export interface AnthropicModelPrice {
  readonly displayName: string;
  readonly uncachedInput: bigint;
  readonly output: bigint;
  readonly cacheRead: bigint;
  readonly cacheWrite5m: bigint;
  readonly cacheWrite1h: bigint;
}

/** The models the simulated company uses, with their list prices. */
export const ANTHROPIC_MODEL_PRICES = {
  'claude-opus-4-1': {
    displayName: 'Claude Opus 4.1',
    uncachedInput: 1500n,
    output: 7500n,
    cacheRead: 150n,
    cacheWrite5m: 1875n,
    cacheWrite1h: 3000n,
  },
  'claude-sonnet-4-6': {
    displayName: 'Claude Sonnet 4.6',
    uncachedInput: 300n,
    output: 1500n,
    cacheRead: 30n,
    cacheWrite5m: 375n,
    cacheWrite1h: 600n,
  },
  'claude-haiku-4-5': {
    displayName: 'Claude Haiku 4.5',
    uncachedInput: 100n,
    output: 500n,
    cacheRead: 10n,
    cacheWrite5m: 125n,
    cacheWrite1h: 200n,
  },
} as const satisfies Record<string, AnthropicModelPrice>;

export type AnthropicModel = keyof typeof ANTHROPIC_MODEL_PRICES;

/** A web search costs $10 per thousand, i.e. one cent. */
export const WEB_SEARCH_UNITS = 1_000_000n;

/** One workspace of the simulated organization and the models it calls. */
export interface AnthropicWorkspace {
  readonly id: string;
  readonly name: string;
  readonly models: readonly AnthropicModel[];
}

const WORKSPACE_PLAN: ReadonlyArray<{ name: string; models: readonly AnthropicModel[] }> = [
  { name: 'product', models: ['claude-sonnet-4-6', 'claude-haiku-4-5'] },
  { name: 'research', models: ['claude-opus-4-1', 'claude-sonnet-4-6'] },
];

/** The two workspaces of an org: `wrkspc_<org>_product` and `wrkspc_<org>_research`. */
export function anthropicWorkspaces(org: string): AnthropicWorkspace[] {
  return WORKSPACE_PLAN.map((plan) => ({ id: `wrkspc_${org}_${plan.name}`, ...plan }));
}

/** Token counts of one (day, workspace, model), as the usage report splits them. */
export interface AnthropicUsageRow {
  readonly workspaceId: string;
  readonly model: AnthropicModel;
  readonly uncachedInputTokens: number;
  readonly cacheReadInputTokens: number;
  readonly cacheCreation5mInputTokens: number;
  readonly cacheCreation1hInputTokens: number;
  readonly outputTokens: number;
  readonly webSearchRequests: number;
}

const CACHE_READ_PERCENT_SPAN = 70;
const CACHE_5M_PERCENT_SPAN = 10;
const CACHE_1H_PERCENT_SPAN = 4;
const OUTPUT_PERCENT_MIN = 3;
const OUTPUT_PERCENT_SPAN = 20;
const WEB_SEARCH_SPAN = 25;

function usageRow(
  org: string,
  day: string,
  workspaceId: string,
  model: AnthropicModel,
): AnthropicUsageRow {
  const draw = (field: string): number => hash32('anthropic', org, day, workspaceId, model, field);
  const inputTokens = dailyInputTokens('anthropic', org, day, workspaceId, model);
  const cacheRead = percentOf(inputTokens, draw('cache_read') % CACHE_READ_PERCENT_SPAN);
  const cache5m = percentOf(inputTokens, draw('cache_5m') % CACHE_5M_PERCENT_SPAN);
  const cache1h = percentOf(inputTokens, draw('cache_1h') % CACHE_1H_PERCENT_SPAN);
  return {
    workspaceId,
    model,
    uncachedInputTokens: inputTokens - cacheRead - cache5m - cache1h,
    cacheReadInputTokens: cacheRead,
    cacheCreation5mInputTokens: cache5m,
    cacheCreation1hInputTokens: cache1h,
    outputTokens: percentOf(
      inputTokens,
      OUTPUT_PERCENT_MIN + (draw('output') % OUTPUT_PERCENT_SPAN),
    ),
    webSearchRequests: draw('web_search') % WEB_SEARCH_SPAN,
  };
}

/** Usage of every (workspace, model) pair on a day; empty outside the simulated range. */
export function anthropicMessagesUsage(org: string, day: string): AnthropicUsageRow[] {
  if (!isDataDay(day)) return [];
  return anthropicWorkspaces(org).flatMap((workspace) =>
    workspace.models.map((model) => usageRow(org, day, workspace.id, model)),
  );
}

/** The token kinds of the cost report, in the order its lines appear. */
export type AnthropicTokenType =
  | 'uncached_input_tokens'
  | 'output_tokens'
  | 'cache_read_input_tokens'
  | 'cache_creation.ephemeral_5m_input_tokens'
  | 'cache_creation.ephemeral_1h_input_tokens';

/** One line of the cost report, amount in millionths of a cent. */
export interface AnthropicCostLine {
  readonly workspaceId: string;
  readonly description: string;
  readonly costType: 'tokens' | 'web_search';
  readonly tokenType: AnthropicTokenType | null;
  readonly model: AnthropicModel | null;
  readonly units: bigint;
}

function tokenCostLines(row: AnthropicUsageRow): AnthropicCostLine[] {
  const price = ANTHROPIC_MODEL_PRICES[row.model];
  const charges: ReadonlyArray<[AnthropicTokenType, string, number, bigint]> = [
    ['uncached_input_tokens', 'Input Tokens', row.uncachedInputTokens, price.uncachedInput],
    ['output_tokens', 'Output Tokens', row.outputTokens, price.output],
    [
      'cache_read_input_tokens',
      'Input Tokens, Cache Read',
      row.cacheReadInputTokens,
      price.cacheRead,
    ],
    [
      'cache_creation.ephemeral_5m_input_tokens',
      'Input Tokens, Cache Write 5m',
      row.cacheCreation5mInputTokens,
      price.cacheWrite5m,
    ],
    [
      'cache_creation.ephemeral_1h_input_tokens',
      'Input Tokens, Cache Write 1h',
      row.cacheCreation1hInputTokens,
      price.cacheWrite1h,
    ],
  ];
  return charges
    .filter(([, , tokens]) => tokens > 0)
    .map(([tokenType, label, tokens, unitsPerToken]) => ({
      workspaceId: row.workspaceId,
      description: `${price.displayName} Usage - ${label}`,
      costType: 'tokens',
      tokenType,
      model: row.model,
      units: BigInt(tokens) * unitsPerToken,
    }));
}

function webSearchLine(
  workspaceId: string,
  rows: readonly AnthropicUsageRow[],
): AnthropicCostLine[] {
  const searches = rows.reduce((sum, row) => sum + row.webSearchRequests, 0);
  if (searches === 0) return [];
  const units = BigInt(searches) * WEB_SEARCH_UNITS;
  return [
    {
      workspaceId,
      description: 'Web Search',
      costType: 'web_search',
      tokenType: null,
      model: null,
      units,
    },
  ];
}

/**
 * Every cost line of a day, workspace by workspace: each model's token lines, then one
 * `Web Search` line for the workspace's searches. A line with nothing to charge is left out.
 */
export function anthropicCostLines(org: string, day: string): AnthropicCostLine[] {
  const usage = anthropicMessagesUsage(org, day);
  return anthropicWorkspaces(org).flatMap((workspace) => {
    const rows = usage.filter((row) => row.workspaceId === workspace.id);
    return [...rows.flatMap(tokenCostLines), ...webSearchLine(workspace.id, rows)];
  });
}

/** Millionths of a cent of one (day, workspace, description); 0n when that line does not exist. */
export function anthropicCostUnits(
  org: string,
  day: string,
  workspaceId: string,
  description: string,
): bigint {
  const line = anthropicCostLines(org, day).find(
    (candidate) => candidate.workspaceId === workspaceId && candidate.description === description,
  );
  return line?.units ?? 0n;
}

/** Millionths of a cent the whole org spent on Anthropic on a day. */
export function anthropicDayCostUnits(org: string, day: string): bigint {
  return anthropicCostLines(org, day).reduce((sum, line) => sum + line.units, 0n);
}
