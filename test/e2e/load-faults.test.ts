import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  anthropicCostLines,
  anthropicMessagesUsage,
  openaiCompletionsUsage,
  openaiCostLines,
} from '@stax/simulator/data';
import { StaxClient } from './client';
import { expectedAnthropicMicros, expectedOpenAiMicros, lastDays } from './expected';
import { queryLocalD1 } from './local-d1';

const WORKSPACES = 50;
/** A 90-day backfill is three jobs, then one manual sync: four jobs per workspace. */
const JOBS = WORKSPACES * 4;
const BACKFILL_DAYS = 90;
const FAULTS = { rate429: 0.1, rate500: 0.05, slowMs: 1500, slowRate: 0.05, seed: 7 };
const SETTLE_TIMEOUT_MS = 150_000;
/** One budget per workspace, low enough that the first ingest crosses both thresholds. */
const BUDGET_MICROS = 1_000_000;

type Provider = 'openai' | 'anthropic';

interface Tenant {
  client: StaxClient;
  email: string;
  org: string;
  provider: Provider;
  workspaceId: string;
  connectionId: string;
}

interface RunCount {
  workspace_id: string;
  connection_id: string;
  status: string;
  runs: number;
  errors: number;
}

function credentialOf(provider: Provider, org: string): string {
  return provider === 'openai' ? `sk-admin-sim-${org}` : `sk-ant-admin01-sim-${org}`;
}

function expectedOf(tenant: Tenant, days: string[]) {
  if (tenant.provider === 'openai') {
    return {
      micros: expectedOpenAiMicros(tenant.org, days),
      costs: days.reduce((sum, day) => sum + openaiCostLines(tenant.org, day).length, 0),
      usage: days.reduce((sum, day) => sum + openaiCompletionsUsage(tenant.org, day).length, 0),
    };
  }
  return {
    micros: expectedAnthropicMicros(tenant.org, days),
    costs: days.reduce((sum, day) => sum + anthropicCostLines(tenant.org, day).length, 0),
    usage: days.reduce((sum, day) => sum + anthropicMessagesUsage(tenant.org, day).length, 0),
  };
}

async function setFaults(body: typeof FAULTS | null): Promise<void> {
  const url = `${inject('simulatorUrl')}/_sim/faults`;
  const response = body
    ? await fetch(url, { method: 'POST', body: JSON.stringify(body) })
    : await fetch(url, { method: 'DELETE' });
  expect(response.status).toBe(200);
}

// A connect checks the key with one provider call, which the faults hit too: a user retries.
async function connect(tenant: Omit<Tenant, 'connectionId'>): Promise<string> {
  const body = {
    provider: tenant.provider,
    label: `Load ${tenant.org}`,
    credential: credentialOf(tenant.provider, tenant.org),
  };
  for (let attempt = 1; ; attempt += 1) {
    const response = await tenant.client.api('/api/v1/connections', { method: 'POST', body });
    const text = await response.text();
    if (response.status === 201) return (JSON.parse(text) as { id: string }).id;
    if (attempt >= 8 || response.status < 429)
      throw new Error(`connect: ${response.status} ${text}`);
  }
}

// An id of the shape the contracts accept (`bud_` and 20 base32 letters), one per workspace.
function loadId(prefix: string, index: number, suffix = ''): string {
  const letters = String.fromCharCode(97 + Math.floor(index / 26), 97 + (index % 26));
  return `${prefix}_load${letters}${suffix}`.padEnd(prefix.length + 21, 'a');
}

// Under this load `wrangler dev` now and then restarts a Worker mid-request (503, nothing
// done); a user would press the button again.
async function syncNow(tenant: Tenant): Promise<void> {
  const path = `/api/v1/connections/${tenant.connectionId}/sync`;
  for (let attempt = 1; ; attempt += 1) {
    const response = await tenant.client.api(path, { method: 'POST' });
    const text = await response.text();
    if (response.status === 202) return;
    if (attempt >= 5 || response.status !== 503)
      throw new Error(`sync: ${response.status} ${text}`);
  }
}

function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',');
}

describe('200 sync jobs across 50 workspaces while the providers misbehave', () => {
  const stateDir = inject('stateDir');
  const tenants: Tenant[] = [];
  const days = lastDays(BACKFILL_DAYS);
  let runs: RunCount[] = [];

  const workspaceList = () => sqlList(tenants.map((tenant) => tenant.workspaceId));

  beforeAll(async () => {
    for (let index = 0; index < WORKSPACES; index += 1) {
      const org = `load${String(index).padStart(2, '0')}`;
      const email = `owner@${org}.example`;
      const client = new StaxClient();
      await client.signIn(email);
      const me = await client.json<{ workspace: { id: string } }>('/api/v1/me');
      const provider: Provider = index % 2 === 0 ? 'openai' : 'anthropic';
      tenants.push({
        client,
        email,
        org,
        provider,
        workspaceId: me.workspace.id,
        connectionId: '',
      });
    }
  }, 120_000);

  afterAll(async () => {
    await setFaults(null);
  });

  it('gives every workspace a budget its first sync overspends', async () => {
    const now = new Date().toISOString();
    const budgets = tenants.map(
      (tenant, index) =>
        `('${loadId('bud', index)}', '${tenant.workspaceId}', 'Load',
          ${BUDGET_MICROS}, 'USD', 'month', 1, 'workspace', NULL, 'e2e', '${now}', '${now}')`,
    );
    const thresholds = tenants.flatMap((tenant, index) =>
      [50, 100].map(
        (percent) =>
          `('${loadId('thr', index, percent === 50 ? 'half' : 'full')}', '${tenant.workspaceId}',
            '${loadId('bud', index)}', ${percent}, 'actual', '${now}')`,
      ),
    );
    await queryLocalD1(
      stateDir,
      `INSERT INTO budgets (id, workspace_id, name, amount_micros, currency, period_kind,
        period_start_day, scope_kind, scope_value, created_by, created_at, updated_at)
        VALUES ${budgets.join(',')};
       INSERT INTO budget_thresholds (id, workspace_id, budget_id, percent, basis, created_at)
        VALUES ${thresholds.join(',')};`,
    );
    const [count] = await queryLocalD1<{ budgets: number }>(
      stateDir,
      `SELECT count(*) AS budgets FROM budgets WHERE workspace_id IN (${workspaceList()})`,
    );
    expect(count?.budgets).toBe(WORKSPACES);
  });

  it(
    'connects 50 workspaces and syncs each again, with 15% of provider calls failing',
    async () => {
      await setFaults(FAULTS);
      await Promise.all(
        tenants.map(async (tenant) => {
          tenant.connectionId = await connect(tenant);
        }),
      );
      // The manual sync lands while the backfill runs: two jobs upsert the same days at once.
      await Promise.all(tenants.map((tenant) => syncNow(tenant)));

      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      for (;;) {
        runs = await queryLocalD1<RunCount>(
          stateDir,
          `SELECT workspace_id, connection_id, status, count(*) AS runs,
           sum(CASE WHEN error IS NULL OR error = '' THEN 0 ELSE 1 END) AS errors
         FROM sync_runs WHERE workspace_id IN (${workspaceList()})
         GROUP BY workspace_id, connection_id, status`,
        );
        const settled = runs
          .filter((run) => ['succeeded', 'failed'].includes(run.status))
          .reduce((sum, run) => sum + run.runs, 0);
        if (settled === JOBS) break;
        if (Date.now() > deadline) throw new Error(`unsettled: ${JSON.stringify(runs)}`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }

      const requests = (await (
        await fetch(`${inject('simulatorUrl')}/_sim/requests`)
      ).json()) as Array<{
        status: number;
      }>;
      expect(requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
      expect(requests.filter((request) => request.status === 500).length).toBeGreaterThan(0);
    },
    SETTLE_TIMEOUT_MS + 60_000,
  );

  it('ends every job succeeded, or failed with its reason on the run and the connection', async () => {
    const failed = runs.filter((run) => run.status === 'failed');
    expect(failed.every((run) => run.errors === run.runs)).toBe(true);
    for (const run of failed) {
      const tenant = tenants.find((candidate) => candidate.connectionId === run.connection_id);
      const connection = await tenant?.client.json<{ status: string; lastError: string | null }>(
        `/api/v1/connections/${run.connection_id}`,
      );
      // A later job of the same connection may have succeeded since; then the run keeps why.
      expect(connection?.status === 'error' ? connection.lastError : 'ok').not.toBeNull();
    }
    const total = runs.reduce((sum, run) => sum + run.runs, 0);
    expect(total).toBe(JOBS);
  });

  it('stores every record once and spends exactly the rule for each fully synced workspace', async () => {
    const counts = await queryLocalD1<{ connection_id: string; costs: number; usage: number }>(
      stateDir,
      `SELECT c.id AS connection_id,
         (SELECT count(*) FROM cost_records r WHERE r.workspace_id = c.workspace_id
            AND r.connection_id = c.id) AS costs,
         (SELECT count(*) FROM usage_records r WHERE r.workspace_id = c.workspace_id
            AND r.connection_id = c.id) AS usage
       FROM connections c WHERE c.workspace_id IN (${workspaceList()})`,
    );
    const complete = tenants.filter(
      (tenant) =>
        !runs.some((run) => run.connection_id === tenant.connectionId && run.status === 'failed'),
    );
    expect(complete.length).toBeGreaterThanOrEqual(WORKSPACES - 5);
    const range = `from=${days[0]}&to=${nextDay(days.at(-1) ?? '')}&group_by=provider`;
    for (const tenant of complete) {
      const expected = expectedOf(tenant, days);
      const stored = counts.find((count) => count.connection_id === tenant.connectionId);
      expect({ costs: stored?.costs, usage: stored?.usage }).toEqual({
        costs: expected.costs,
        usage: expected.usage,
      });
      const spend = await tenant.client.json<{ totals: Array<{ amountMicros: number }> }>(
        `/api/v1/spend?${range}`,
      );
      expect(spend.totals.map((total) => BigInt(total.amountMicros))).toEqual([expected.micros]);
    }
  });

  it('sends each budget alert once, however often ingest and retries re-evaluate it', async () => {
    const alerts = await queryLocalD1<{ workspace_id: string; kind: string; dedupe_key: string }>(
      stateDir,
      `SELECT workspace_id, kind, dedupe_key FROM alert_events
       WHERE workspace_id IN (${workspaceList()}) AND kind = 'budget_threshold'`,
    );
    const keys = alerts.map((alert) => `${alert.workspace_id}|${alert.dedupe_key}`);
    expect(new Set(keys).size).toBe(keys.length);

    const emails = (await (await fetch(`${inject('simulatorUrl')}/_sim/emails`)).json()) as Array<{
      to: string[];
      subject: string;
      idempotencyKey: string | null;
    }>;
    const ours = new Set(tenants.map((tenant) => tenant.email));
    const alertEmails = emails.filter(
      (email) => email.to.some((to) => ours.has(to)) && !/sign-in/i.test(email.subject),
    );
    const sent = alertEmails.map(
      (email) => `${email.to.join(',')}|${email.idempotencyKey ?? email.subject}`,
    );
    expect(new Set(sent).size).toBe(sent.length);
  });
});

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
