import { z } from 'zod';
import { CONNECTION_KINDS, ProviderIdSchema, type ProviderId } from '@stax/contracts';

/**
 * What Stax does with one provider, told to the user as it is: how it connects, what to
 * grant, which calls it makes, what it reads, how fresh and how far back, and whether the
 * credential Stax holds can only read (null: Stax holds no credential at all).
 */
export const ProviderScopeSchema = z.strictObject({
  id: ProviderIdSchema,
  name: z.string(),
  kinds: z.array(z.enum(CONNECTION_KINDS)).min(1),
  auth: z.string(),
  scope: z.string(),
  endpoints: z.array(z.string()),
  dataFetched: z.array(z.string()),
  freshness: z.string(),
  history: z.string(),
  readOnly: z.boolean().nullable(),
});
export type ProviderScope = z.infer<typeof ProviderScopeSchema>;

/** Every provider's name in words meant for the user. */
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  cursor: 'Cursor',
  github: 'GitHub Copilot',
  chatgpt: 'ChatGPT',
  perplexity: 'Perplexity',
  google: 'Google AI',
  mistral: 'Mistral',
};

const IMPORT_DATA = 'rows of an uploaded CSV: FOCUS 1.x, or the provider export columns below';
const SUBSCRIPTION_DATA = 'seats × price per seat of a plan entered by hand, once per period';

/** The scope matrix, served at `GET /api/v1/providers` and shown in the README. */
export const PROVIDER_MATRIX: readonly ProviderScope[] = [
  {
    id: 'openai',
    name: PROVIDER_NAMES.openai,
    kinds: ['api', 'import'],
    auth: 'Admin API key (sk-admin-…) as Authorization: Bearer',
    scope:
      'An admin key, made by an organization Owner under Organization settings → Admin keys. No read-only admin key exists: it can also manage users, projects and keys.',
    endpoints: [
      'GET https://api.openai.com/v1/organization/costs',
      'GET https://api.openai.com/v1/organization/usage/completions',
    ],
    dataFetched: [
      'daily cost per project and line item (USD)',
      'daily tokens and requests per model and project',
    ],
    freshness: 'hourly; the last 3 days are pulled again on every sync',
    history: '90 days at connect',
    readOnly: false,
  },
  {
    id: 'anthropic',
    name: PROVIDER_NAMES.anthropic,
    kinds: ['api', 'import', 'subscription'],
    auth: 'Admin API key (sk-ant-admin01-…) as x-api-key, with anthropic-version: 2023-06-01',
    scope:
      'An admin key, made by an organization admin in the Console under Admin keys. No read-only variant exists: it can also manage users, keys and workspaces.',
    endpoints: [
      'GET https://api.anthropic.com/v1/organizations/cost_report',
      'GET https://api.anthropic.com/v1/organizations/usage_report/messages',
    ],
    dataFetched: [
      'daily cost per workspace and description (USD; sent as cents)',
      'daily tokens per model and workspace, cache writes included; no request counts',
      SUBSCRIPTION_DATA,
    ],
    freshness: 'hourly; the last 3 days are pulled again on every sync',
    history: '90 days at connect',
    readOnly: false,
  },
  {
    id: 'cursor',
    name: PROVIDER_NAMES.cursor,
    kinds: ['api', 'import', 'subscription'],
    auth: 'Admin API key (key_…) with HTTP Basic auth (the key as user name)',
    scope:
      'A team Admin API key (Enterprise teams); choose the read-only scope where the team keys page offers it.',
    endpoints: [
      'POST https://api.cursor.com/teams/filtered-usage-events',
      'POST https://api.cursor.com/teams/spend',
    ],
    dataFetched: [
      'usage events (model, tokens, cents) summed per day and model',
      'cycle-to-date spend per member, kept only to reconcile against',
      SUBSCRIPTION_DATA,
    ],
    freshness: 'at most one sync an hour (Cursor aggregates hourly), at most 20 requests a minute',
    history: 'the short rolling window Cursor keeps; Stax keeps what it pulled',
    readOnly: true,
  },
  {
    id: 'github',
    name: PROVIDER_NAMES.github,
    kinds: ['api', 'import', 'subscription'],
    auth: 'GitHub OAuth app (web flow) or a pasted token, as Authorization: Bearer',
    scope:
      'Org owner or billing manager. OAuth scopes manage_billing:copilot and read:org (that scope can also change seats); a fine-grained token with Copilot Business and Administration read permissions is read-only.',
    endpoints: [
      'GET https://api.github.com/orgs/{org}/copilot/billing',
      'GET https://api.github.com/orgs/{org}/copilot/billing/seats',
      'GET https://api.github.com/organizations/{org}/settings/billing/ai_credit/usage',
    ],
    dataFetched: [
      'seat counts per day: total, active in the cycle, inactive, pending cancellation (not people)',
      'AI-credit usage per model and month (USD)',
      SUBSCRIPTION_DATA,
    ],
    freshness: 'hourly; the current month is revised until it ends',
    history: 'AI-credit usage from 2026-06-01, up to 24 months; seats from the first sync',
    readOnly: false,
  },
  {
    id: 'chatgpt',
    name: PROVIDER_NAMES.chatgpt,
    kinds: ['api', 'import', 'subscription'],
    auth: 'Enterprise: a workspace analytics key from the Global Admin Console, as Authorization: Bearer. Team/Business: no API; a subscription plus imports.',
    scope:
      'Enterprise: codex.enterprise.analytics.read. Team/Business: nothing to grant. An OpenAI Platform admin key does not work here.',
    endpoints: ['GET https://api.chatgpt.com/v1/analytics/codex/workspaces/{workspace_id}/usage'],
    dataFetched: [
      'Enterprise: Codex credits and tokens per day (field names inferred; credits are not dollars: money only at a price per credit you enter, else 0 marked computed)',
      'Team/Business: seats × plan price from the subscription; invoice lines from imports',
    ],
    freshness: 'Enterprise: lags up to about 12 hours; Team/Business: as entered or uploaded',
    history: 'Enterprise: 90 days; Team/Business: what the file or plan covers',
    readOnly: true,
  },
  {
    id: 'perplexity',
    name: PROVIDER_NAMES.perplexity,
    kinds: ['import', 'subscription'],
    auth: 'None: Perplexity has no usage or billing API',
    scope: 'Nothing to grant',
    endpoints: [],
    dataFetched: [IMPORT_DATA, SUBSCRIPTION_DATA],
    freshness: 'as of the last uploaded file; subscription charges per period',
    history: 'what the uploaded files cover; subscriptions from the period of their creation',
    readOnly: null,
  },
  {
    id: 'google',
    name: PROVIDER_NAMES.google,
    kinds: ['api', 'import'],
    auth: 'Service-account JSON key; an RS256 JWT exchanged for an access token',
    scope:
      'roles/billing.viewer on the billing account; roles/bigquery.dataViewer on the export dataset and roles/bigquery.jobUser on the query project (scopes cloud-billing.readonly, bigquery.readonly).',
    endpoints: [
      'POST https://oauth2.googleapis.com/token',
      'GET https://cloudbilling.googleapis.com/v1/billingAccounts/{id}',
      'POST https://bigquery.googleapis.com/bigquery/v2/projects/{project}/queries',
      'GET https://bigquery.googleapis.com/bigquery/v2/projects/{project}/queries/{job}',
    ],
    dataFetched: [
      'billing account name and currency',
      'daily Gemini API and Vertex AI cost net of credits, in the account currency',
      'month totals by invoice month',
    ],
    freshness: 'hourly at most (queries bill the customer); the last 5 days queried again',
    history: 'as far back as the BigQuery billing export reaches',
    readOnly: true,
  },
  {
    id: 'mistral',
    name: PROVIDER_NAMES.mistral,
    kinds: ['import', 'subscription'],
    auth: 'None: Mistral has no usage or billing API (the console endpoints need a browser session)',
    scope: 'Nothing to grant',
    endpoints: [],
    dataFetched: [`${IMPORT_DATA}; EUR stays EUR`, SUBSCRIPTION_DATA],
    freshness: 'as of the last uploaded file; subscription charges per period',
    history: 'what the uploaded files cover; subscriptions from the period of their creation',
    readOnly: null,
  },
];

/** The matrix entry of one provider. */
export function scopeOf(provider: ProviderId): ProviderScope {
  const scope = PROVIDER_MATRIX.find((entry) => entry.id === provider);
  if (!scope) throw new Error(`no matrix entry for ${provider}`);
  return scope;
}

/** Providers that accept a connection kind, for the connect body's schemas. */
export function providersWithKind(kind: ProviderScope['kinds'][number]): ProviderId[] {
  return PROVIDER_MATRIX.filter((entry) => entry.kinds.includes(kind)).map((entry) => entry.id);
}

const READ_ONLY_WORDS = { true: 'yes', false: '**no**', null: 'no credential held' } as const;

/** The matrix as the Markdown table the README shows, one row per provider. */
export function matrixTable(): string {
  const head = [
    '| provider | kinds | auth | scope to grant | endpoints | data fetched | freshness | history | read-only |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = PROVIDER_MATRIX.map((entry) =>
    [
      `${entry.name} (\`${entry.id}\`)`,
      entry.kinds.join(', '),
      entry.auth,
      entry.scope,
      entry.endpoints.map((endpoint) => `\`${endpoint}\``).join('<br>') || '—',
      entry.dataFetched.join('; '),
      entry.freshness,
      entry.history,
      READ_ONLY_WORDS[`${entry.readOnly}`],
    ]
      .map((cell) => cell.replaceAll('|', '\\|'))
      .join(' | '),
  );
  return [...head, ...rows.map((row) => `| ${row} |`)].join('\n');
}
