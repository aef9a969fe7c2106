import { isDataDay } from './calendar';
import { hash32 } from './hash';
import { dailyInputTokens, percentOf } from './volume';

/** Prices in nano-dollars per token (list price in $ per million tokens × 1000). */
export interface OpenAiModelPrice {
  readonly input: bigint;
  readonly cachedInput: bigint;
  readonly output: bigint;
}

/** The models the simulated company uses, with their list prices. */
export const OPENAI_MODEL_PRICES = {
  'gpt-5': { input: 1250n, cachedInput: 125n, output: 10_000n },
  'gpt-5-mini': { input: 250n, cachedInput: 25n, output: 2000n },
  'gpt-4.1': { input: 2000n, cachedInput: 500n, output: 8000n },
  'o4-mini': { input: 1100n, cachedInput: 275n, output: 4400n },
  'text-embedding-3-large': { input: 130n, cachedInput: 0n, output: 0n },
} as const satisfies Record<string, OpenAiModelPrice>;

export type OpenAiModel = keyof typeof OPENAI_MODEL_PRICES;

const EMBEDDING_MODEL: OpenAiModel = 'text-embedding-3-large';

/** One project of the simulated organization and the models it calls. */
export interface OpenAiProject {
  readonly id: string;
  readonly name: string;
  readonly models: readonly OpenAiModel[];
}

const PROJECT_PLAN: ReadonlyArray<{ name: string; models: readonly OpenAiModel[] }> = [
  { name: 'web', models: ['gpt-5', 'gpt-5-mini', 'text-embedding-3-large'] },
  { name: 'support', models: ['gpt-5-mini', 'gpt-4.1'] },
  { name: 'research', models: ['gpt-5', 'o4-mini', 'gpt-4.1', 'text-embedding-3-large'] },
];

/** The three projects of an org: `proj_<org>_web`, `proj_<org>_support`, `proj_<org>_research`. */
export function openaiProjects(org: string): OpenAiProject[] {
  return PROJECT_PLAN.map((plan) => ({ id: `proj_${org}_${plan.name}`, ...plan }));
}

/** Token counts of one (day, project, model). Embeddings have no cached or output tokens. */
export interface OpenAiUsageRow {
  readonly projectId: string;
  readonly model: OpenAiModel;
  readonly inputTokens: number;
  readonly inputCachedTokens: number;
  readonly outputTokens: number;
  readonly numModelRequests: number;
}

const CACHED_PERCENT_SPAN = 60;
const OUTPUT_PERCENT_MIN = 5;
const OUTPUT_PERCENT_SPAN = 30;
const PROMPT_TOKENS_MIN = 500;
const PROMPT_TOKENS_SPAN = 3000;

function usageRow(org: string, day: string, projectId: string, model: OpenAiModel): OpenAiUsageRow {
  const draw = (field: string): number => hash32('openai', org, day, projectId, model, field);
  const inputTokens = dailyInputTokens('openai', org, day, projectId, model);
  const isEmbedding = model === EMBEDDING_MODEL;
  const promptTokens =
    PROMPT_TOKENS_MIN +
    (hash32('openai', org, 'base', projectId, model, 'prompt') % PROMPT_TOKENS_SPAN);
  return {
    projectId,
    model,
    inputTokens,
    inputCachedTokens: isEmbedding
      ? 0
      : percentOf(inputTokens, draw('cached') % CACHED_PERCENT_SPAN),
    outputTokens: isEmbedding
      ? 0
      : percentOf(inputTokens, OUTPUT_PERCENT_MIN + (draw('output') % OUTPUT_PERCENT_SPAN)),
    numModelRequests: Math.ceil(inputTokens / promptTokens),
  };
}

/** Usage of every (project, model) pair on a day, embeddings included; empty outside the range. */
export function openaiUsageRows(org: string, day: string): OpenAiUsageRow[] {
  if (!isDataDay(day)) return [];
  return openaiProjects(org).flatMap((project) =>
    project.models.map((model) => usageRow(org, day, project.id, model)),
  );
}

/** What `/v1/organization/usage/completions` reports: the usage rows minus embeddings. */
export function openaiCompletionsUsage(org: string, day: string): OpenAiUsageRow[] {
  return openaiUsageRows(org, day).filter((row) => row.model !== EMBEDDING_MODEL);
}

/** A costs line: `"<model>, input"`, `"<model>, cached input"` or `"<model>, output"`. */
export interface OpenAiCostLine {
  readonly projectId: string;
  readonly lineItem: string;
  readonly model: OpenAiModel;
  readonly nanos: bigint;
  readonly quantity: number;
}

function costLinesOfRow(row: OpenAiUsageRow): OpenAiCostLine[] {
  const price = OPENAI_MODEL_PRICES[row.model];
  const charges: ReadonlyArray<[string, number, bigint]> = [
    ['input', row.inputTokens - row.inputCachedTokens, price.input],
    ['cached input', row.inputCachedTokens, price.cachedInput],
    ['output', row.outputTokens, price.output],
  ];
  return charges
    .filter(([, quantity, nanosPerToken]) => quantity > 0 && nanosPerToken > 0n)
    .map(([kind, quantity, nanosPerToken]) => ({
      projectId: row.projectId,
      lineItem: `${row.model}, ${kind}`,
      model: row.model,
      nanos: BigInt(quantity) * nanosPerToken,
      quantity,
    }));
}

/** Every cost line of a day, project by project; a line with no tokens is left out. */
export function openaiCostLines(org: string, day: string): OpenAiCostLine[] {
  return openaiUsageRows(org, day).flatMap(costLinesOfRow);
}

/** Nano-dollars of one (day, project, line item); 0n when that line does not exist. */
export function openaiCostNanos(
  org: string,
  day: string,
  projectId: string,
  lineItem: string,
): bigint {
  const line = openaiCostLines(org, day).find(
    (candidate) => candidate.projectId === projectId && candidate.lineItem === lineItem,
  );
  return line?.nanos ?? 0n;
}

/** Nano-dollars the whole org spent on OpenAI on a day. */
export function openaiDayCostNanos(org: string, day: string): bigint {
  return openaiCostLines(org, day).reduce((sum, line) => sum + line.nanos, 0n);
}
