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

/** A priced base model, or a fine-tune of one (`ft:<base>:<org>::v<NN>`, billed as its base). */
export type OpenAiModel = string;

type BaseModel = keyof typeof OPENAI_MODEL_PRICES;

const EMBEDDING_MODEL: BaseModel = 'text-embedding-3-large';

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

/** An org whose name starts with this has the large shape (the backfill benchmark's). */
export const LARGE_ORG_PREFIX = 'large';
/** The large shape: this many projects, each calling this many of this many models. */
export const LARGE_ORG_PROJECTS = 50;
export const LARGE_ORG_MODELS = 40;
export const LARGE_ORG_MODELS_PER_PROJECT = 4;

const BASE_MODELS = Object.keys(OPENAI_MODEL_PRICES).filter(isBaseModel);
const FINE_TUNE_BASES: readonly BaseModel[] = ['gpt-5', 'gpt-5-mini', 'gpt-4.1', 'o4-mini'];
const FINE_TUNE_PATTERN = /^ft:([^:]+):/;

function isBaseModel(model: string): model is BaseModel {
  return Object.hasOwn(OPENAI_MODEL_PRICES, model);
}

/** Whether an org has the large shape: 50 projects over 40 models. */
export function isLargeOrg(org: string): boolean {
  return org.startsWith(LARGE_ORG_PREFIX);
}

/** The prices of a model: its own, or its base's for a fine-tune. */
export function openaiModelPrice(model: OpenAiModel): OpenAiModelPrice {
  const base = FINE_TUNE_PATTERN.exec(model)?.[1] ?? model;
  if (!isBaseModel(base)) throw new RangeError(`no price for model ${model}`);
  return OPENAI_MODEL_PRICES[base];
}

// The five base models, then fine-tunes of the chat models up to LARGE_ORG_MODELS in all.
function largeOrgModels(org: string): OpenAiModel[] {
  const models: OpenAiModel[] = [...BASE_MODELS];
  for (let index = 1; models.length < LARGE_ORG_MODELS; index += 1) {
    const base = FINE_TUNE_BASES[index % FINE_TUNE_BASES.length] ?? 'gpt-5';
    models.push(`ft:${base}:${org}::v${String(index).padStart(2, '0')}`);
  }
  return models;
}

// Project n calls models 4n..4n+3 (mod 40): every model is called by five projects.
function largeOrgProjects(org: string): OpenAiProject[] {
  const models = largeOrgModels(org);
  return Array.from({ length: LARGE_ORG_PROJECTS }, (_, project) => {
    const name = `p${String(project + 1).padStart(2, '0')}`;
    const first = project * LARGE_ORG_MODELS_PER_PROJECT;
    const picked = Array.from(
      { length: LARGE_ORG_MODELS_PER_PROJECT },
      (_, offset) => models[(first + offset) % models.length] ?? 'gpt-5',
    );
    return { id: `proj_${org}_${name}`, name, models: picked };
  });
}

/**
 * The projects of an org: `proj_<org>_web`, `proj_<org>_support`, `proj_<org>_research`; or,
 * for a large org, `proj_<org>_p01` to `proj_<org>_p50`.
 */
export function openaiProjects(org: string): OpenAiProject[] {
  if (isLargeOrg(org)) return largeOrgProjects(org);
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
  const price = openaiModelPrice(row.model);
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
