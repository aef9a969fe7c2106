import { describe, expect, inject, it } from 'vitest';
import { StaxClient } from './client';
import { findLeaks } from './leak-scan';
import { expectedAnthropicMicros, expectedOpenAiMicros, lastDays } from './expected';

interface Connection {
  id: string;
  provider: string;
  status: string;
  lastSyncedAt: string | null;
  lastError: string | null;
}

interface Spend {
  rows: Array<{ key: string; currency: string; amountMicros: number; amount: string }>;
  totals: Array<{ currency: string; amountMicros: number; amount: string }>;
}

const BACKFILL_DAYS = 90;

describe('a newcomer signs in, connects OpenAI and Anthropic, and sees the exact spend', () => {
  const client = new StaxClient();
  const days = lastDays(BACKFILL_DAYS);
  const range = `from=${days[0]}&to=${nextDay(days.at(-1) ?? '')}`;
  const expected = {
    openai: expectedOpenAiMicros('acme', days),
    anthropic: expectedAnthropicMicros('acme', days),
  };
  const connections: Record<string, string> = {};

  const readConnection = (id: string) => client.json<Connection>(`/api/v1/connections/${id}`);
  const readSpend = () => client.json<Spend>(`/api/v1/spend?${range}&group_by=provider`);

  it('signs in through the emailed link and creates an API token', async () => {
    await client.signIn('founder@acme.example');
    const created = await client.json<{ token: string }>(
      '/api/v1/tokens',
      { method: 'POST', body: { name: 'e2e' } },
      201,
    );
    client.useToken(created.token);
    const me = await client.json<{ role: string }>('/api/v1/me');
    expect(me.role).toBe('admin');
  });

  it('refuses a key the provider rejects, with 422', async () => {
    const response = await client.api('/api/v1/connections', {
      method: 'POST',
      body: { provider: 'openai', label: 'Old key', credential: 'sk-admin-sim-acme-unauthorized' },
    });
    expect(response.status).toBe(422);
  });

  it('connects both providers against the simulator', async () => {
    for (const [provider, credential] of [
      ['openai', 'sk-admin-sim-acme'],
      ['anthropic', 'sk-ant-admin01-sim-acme'],
    ] as const) {
      const created = await client.json<Connection>(
        '/api/v1/connections',
        { method: 'POST', body: { provider, label: `Acme ${provider}`, credential } },
        201,
      );
      expect(created.status).toBe('syncing');
      connections[provider] = created.id;
    }
  });

  it('syncs the 90-day backfill and shows spend exact to the micro-unit', async () => {
    for (const id of Object.values(connections)) {
      const synced = await client.until(
        () => readConnection(id),
        (connection) => connection.status === 'ok' && connection.lastSyncedAt !== null,
      );
      expect(synced.lastError).toBeNull();
    }
    // Each backfill is several jobs; wait until every window has landed.
    const spend = await client.until(readSpend, (answer) => totalOf(answer) === sumOf(expected));
    expect(microsOf(spend, 'openai')).toBe(expected.openai);
    expect(microsOf(spend, 'anthropic')).toBe(expected.anthropic);
    expect(spend.totals).toEqual([
      {
        currency: 'USD',
        amountMicros: Number(sumOf(expected)),
        amount: decimalOf(sumOf(expected)),
      },
    ]);
  });

  it('syncs again and no total changes', async () => {
    const before = await readSpend();
    for (const id of Object.values(connections)) {
      const previous = await readConnection(id);
      await client.json(`/api/v1/connections/${id}/sync`, { method: 'POST' }, 202);
      await client.until(
        () => readConnection(id),
        (connection) =>
          connection.status === 'ok' && connection.lastSyncedAt !== previous.lastSyncedAt,
      );
    }
    expect(await readSpend()).toEqual(before);
  });

  it('leaves no credential or token in any database, R2 object, queue or log line', async () => {
    const secrets = [
      'sk-admin-sim-acme',
      'sk-ant-admin01-sim-acme',
      'sk-admin-sim-acme-unauthorized',
      client.token ?? '',
      client.sessionSecret ?? '',
    ].filter((secret) => secret.length > 0);
    expect(secrets).toHaveLength(5);
    // The state folder holds both D1 databases, the R2 bucket and the queues of this run.
    expect(findLeaks([inject('stateDir'), inject('logFile')], secrets)).toEqual([]);
  });
});

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function microsOf(spend: Spend, provider: string): bigint {
  const row = spend.rows.find((candidate) => candidate.key === provider);
  return BigInt(row?.amountMicros ?? 0);
}

function totalOf(spend: Spend): bigint {
  return BigInt(spend.totals.find((total) => total.currency === 'USD')?.amountMicros ?? 0);
}

function sumOf(expected: Record<string, bigint>): bigint {
  return Object.values(expected).reduce((sum, value) => sum + value, 0n);
}

function decimalOf(micros: bigint): string {
  const whole = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n)
    .toString()
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${whole}.${fraction}`;
}
