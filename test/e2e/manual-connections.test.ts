import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaxClient } from './client';

const FIXTURES = join(import.meta.dirname, '../../packages/providers/test/fixtures/imports');
const mistralUsage = readFileSync(join(FIXTURES, 'mistral-usage.csv'), 'utf8');

interface Totals {
  totals: Array<{ currency: string; amountMicros: number; amount: string }>;
}

const DAY_MS = 86_400_000;
const dayFrom = (offset: number) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe('a workspace imports a Mistral export and enters a ChatGPT Business plan', () => {
  const client = new StaxClient();
  const ids: Record<string, string> = {};

  it('signs in and reads the scope matrix without signing in first', async () => {
    const matrix = await client.json<{ providers: Array<{ id: string }> }>('/api/v1/providers');
    expect(matrix.providers).toHaveLength(8);
    await client.signIn('finance@manual.example');
    const created = await client.json<{ token: string }>(
      '/api/v1/tokens',
      { method: 'POST', body: { name: 'e2e-manual' } },
      201,
    );
    client.useToken(created.token);
  });

  it('previews, then imports, a Mistral usage export in EUR', async () => {
    const connection = await client.json<{ id: string }>(
      '/api/v1/connections',
      { method: 'POST', body: { kind: 'import', provider: 'mistral', label: 'Mistral' } },
      201,
    );
    ids.mistral = connection.id;
    const path = `/api/v1/connections/${connection.id}/imports`;
    const preview = await client.uploadCsv(`${path}?preview=true`, mistralUsage);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ imported: false, rows: 3 });
    const imported = await client.uploadCsv(path, mistralUsage);
    expect(imported.status).toBe(201);
    const again = await client.uploadCsv(path, mistralUsage);
    expect(await again.json()).toMatchObject({ imported: false, alreadyImported: true });
  });

  it('turns a ChatGPT Business plan into a charge for the current period', async () => {
    const plan = {
      seats: 10,
      pricePerSeat: '30.00',
      currency: 'USD',
      billingCycle: 'monthly',
      renewalDate: dayFrom(10),
    };
    const connection = await client.json<{ id: string; plan: { nextRenewalDate: string } }>(
      '/api/v1/connections',
      { method: 'POST', body: { kind: 'subscription', provider: 'chatgpt', label: 'Team', plan } },
      201,
    );
    expect(connection.plan.nextRenewalDate).toBe(plan.renewalDate);
    ids.chatgpt = connection.id;
  });

  it('shows EUR and USD apart, each exact', async () => {
    const spend = await client.json<Totals>(
      `/api/v1/spend?from=2026-09-01&to=${dayFrom(1)}&group_by=connection`,
    );
    expect(spend.totals).toEqual([
      { currency: 'EUR', amountMicros: 8_310_300, amount: '8.3103' },
      { currency: 'USD', amountMicros: 300_000_000, amount: '300.00' },
    ]);
  });
});
