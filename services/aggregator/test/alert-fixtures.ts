import { env } from 'cloudflare:workers';
import { newId } from '@stax/contracts';
import { createLogger } from '@stax/log';
import { vi } from 'vitest';
import type { AlertDeps } from '../src/alerts/evaluate';
import { db, seedWorkspace } from './fixtures';

/** What the aggregator asked Resend to send, with the idempotency key it sent. */
export interface SentEmail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  idempotencyKey: string | null;
}

/**
 * Intercepts sends to the Resend stand-in. Answers as Resend does, after failing the first
 * `failures` sends with a 500.
 */
export function captureEmails(failures = 0): SentEmail[] {
  const sent: SentEmail[] = [];
  let toFail = failures;
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith('https://resend.test/')) return realFetch(input, init);
    if (toFail > 0) {
      toFail -= 1;
      const body = { statusCode: 500, name: 'internal_server_error', message: 'An error.' };
      return Response.json(body, { status: 500 });
    }
    const body = (await request.json()) as Omit<SentEmail, 'idempotencyKey'>;
    sent.push({ ...body, idempotencyKey: request.headers.get('idempotency-key') });
    return Response.json({ id: crypto.randomUUID() });
  });
  return sent;
}

export function alertDeps(): AlertDeps {
  return { db, env, log: createLogger('aggregator-test') };
}

/** A workspace in a time zone, with an owner (the alert recipient) and a viewer. */
export async function seedAlertWorkspace(timeZone = 'UTC') {
  const workspaceId = await seedWorkspace();
  await db
    .updateTable('workspaces')
    .set({ time_zone: timeZone })
    .where('id', '=', workspaceId)
    .execute();
  const ownerEmail = `owner-${workspaceId.slice(4, 12)}@example.com`;
  await seedMember(workspaceId, ownerEmail, 'owner');
  await seedMember(workspaceId, `viewer-${workspaceId.slice(4, 12)}@example.com`, 'viewer');
  return { workspaceId, ownerEmail };
}

async function seedMember(workspaceId: string, email: string, role: 'owner' | 'viewer') {
  const userId = newId('usr');
  await db
    .insertInto('users')
    .values({ id: userId, email, created_at: '2026-01-01T00:00:00Z' })
    .execute();
  await db
    .insertInto('memberships')
    .values({
      workspace_id: workspaceId,
      user_id: userId,
      role,
      created_at: '2026-01-01T00:00:00Z',
    })
    .execute();
}

export interface BudgetSeed {
  name?: string;
  amountMicros: number;
  currency?: string;
  period?: 'month' | 'quarter' | 'week';
  startDay?: number;
  scope?: { kind: 'workspace' | 'provider' | 'connection' | 'tag' | 'model'; value: string | null };
  thresholds: [percent: number, basis: 'actual' | 'forecast'][];
}

/** A budget with its thresholds; returns its id and threshold ids in the order given. */
export async function seedBudget(workspaceId: string, seed: BudgetSeed) {
  const budgetId = newId('bud');
  const scope = seed.scope ?? { kind: 'workspace', value: null };
  await db
    .insertInto('budgets')
    .values({
      id: budgetId,
      workspace_id: workspaceId,
      name: seed.name ?? 'AI spend',
      amount_micros: seed.amountMicros,
      currency: seed.currency ?? 'USD',
      period_kind: seed.period ?? 'month',
      period_start_day: seed.startDay ?? 1,
      scope_kind: scope.kind,
      scope_value: scope.value,
      created_by: 'usr_test',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    })
    .execute();
  const thresholdIds = seed.thresholds.map(() => newId('thr'));
  for (const [index, [percent, basis]] of seed.thresholds.entries()) {
    await db
      .insertInto('budget_thresholds')
      .values({
        id: thresholdIds[index] ?? '',
        workspace_id: workspaceId,
        budget_id: budgetId,
        percent,
        basis,
        created_at: '2026-01-01T00:00:00Z',
      })
      .execute();
  }
  return { budgetId, thresholdIds };
}

export interface CostSeed {
  /** The charge period's start instant (a UTC day's midnight unless told). */
  start: string;
  micros: number;
  provider?: string;
  connectionId?: string;
  model?: string | null;
  currency?: string;
}

let recordCounter = 0;

/** Cost records written straight to the table (the ingest path has its own tests). */
export async function seedCosts(workspaceId: string, seeds: CostSeed[]): Promise<void> {
  for (const seed of seeds) {
    recordCounter += 1;
    await db
      .insertInto('cost_records')
      .values({
        workspace_id: workspaceId,
        connection_id: seed.connectionId ?? 'con_seeded',
        record_key: `seed|${recordCounter}`,
        provider: seed.provider ?? 'openai',
        usage_date: seed.start.slice(0, 10),
        charge_period_start: seed.start,
        charge_period_end: seed.start,
        charge_category: 'usage',
        billed_cost_micros: seed.micros,
        currency: seed.currency ?? 'USD',
        service_name: 'test',
        model: seed.model === undefined ? 'gpt-5' : seed.model,
        charge_description: null,
        project_id: null,
        api_key_id: null,
        consumed_quantity: null,
        consumed_unit: null,
        source: 'reported',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .execute();
  }
}

/** The alert rows of a workspace, oldest first. */
export function readAlerts(workspaceId: string) {
  return db
    .selectFrom('alert_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('kind')
    .execute();
}
