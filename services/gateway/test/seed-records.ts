import { env } from 'cloudflare:workers';
import type { TestEnv } from './env';
import { call } from './helpers';

const testEnv = env as unknown as TestEnv;

/** A cost record to seed; anything left out takes a plain default. */
export interface CostSeed {
  connection: string;
  provider: string;
  day: string;
  micros: number;
  key?: string;
  model?: string | null;
  currency?: string;
  category?: string;
  description?: string | null;
  projectId?: string | null;
  apiKeyId?: string | null;
  quantity?: number | null;
  unit?: string | null;
  source?: string;
}

let serial = 0;

/** Writes cost records straight into D1, as ingest would have. */
export async function seedCosts(workspaceId: string, seeds: CostSeed[]): Promise<void> {
  const statements = seeds.map((seed) => {
    serial += 1;
    return testEnv.DB.prepare(
      `INSERT INTO cost_records (workspace_id, connection_id, record_key, provider, usage_date,
        charge_period_start, charge_period_end, charge_category, billed_cost_micros, currency,
        service_name, model, charge_description, project_id, api_key_id, consumed_quantity,
        consumed_unit, source, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OpenAI API', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      workspaceId,
      seed.connection,
      seed.key ?? `cost-${serial}`,
      seed.provider,
      seed.day,
      `${seed.day}T00:00:00Z`,
      `${nextDay(seed.day)}T00:00:00Z`,
      seed.category ?? 'usage',
      seed.micros,
      seed.currency ?? 'USD',
      seed.model ?? null,
      seed.description ?? null,
      seed.projectId ?? null,
      seed.apiKeyId ?? null,
      seed.quantity ?? null,
      seed.unit ?? null,
      seed.source ?? 'reported',
      '2026-03-31T00:00:00Z',
    );
  });
  await testEnv.DB.batch(statements);
}

/** A usage record to seed. */
export interface UsageSeed {
  connection: string;
  day: string;
  model: string;
  projectId?: string | null;
  apiKeyId?: string | null;
  tokens: [input: number, cached: number, cacheWrite: number, output: number];
  requests: number | null;
}

/** Writes usage records straight into D1. */
export async function seedUsage(workspaceId: string, seeds: UsageSeed[]): Promise<void> {
  const statements = seeds.map((seed) => {
    serial += 1;
    return testEnv.DB.prepare(
      `INSERT INTO usage_records (workspace_id, connection_id, record_key, provider, usage_date,
        charge_period_start, charge_period_end, model, project_id, api_key_id, input_tokens,
        cached_input_tokens, cache_write_tokens, output_tokens, requests, updated_at)
       VALUES (?, ?, ?, 'openai', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-03-31T00:00:00Z')`,
    ).bind(
      workspaceId,
      seed.connection,
      `usage-${serial}`,
      seed.day,
      `${seed.day}T00:00:00Z`,
      `${nextDay(seed.day)}T00:00:00Z`,
      seed.model,
      seed.projectId ?? null,
      seed.apiKeyId ?? null,
      ...seed.tokens,
      seed.requests,
    );
  });
  await testEnv.DB.batch(statements);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The workspace id behind a bearer token. */
export async function workspaceIdOf(token: string): Promise<string> {
  const me = await call('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  return ((await me.json()) as { workspace: { id: string } }).workspace.id;
}
