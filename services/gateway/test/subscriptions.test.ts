import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { periodOf, periodsBetween, toSubscriptionPlan } from '@stax/providers';
import type { TestEnv } from './env';
import { authHeaders, call, newWorkspace, withJson, type Auth } from './helpers';

const testEnv = env as unknown as TestEnv;
const DAY_MS = 86_400_000;

const today = () => new Date().toISOString().slice(0, 10);
const dayFrom = (offset: number) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

// Renews 20 days from now, so the current period is known without a fixed calendar date.
const planInput = () => ({
  seats: 12,
  pricePerSeat: '25.50',
  currency: 'USD',
  billingCycle: 'monthly' as const,
  renewalDate: dayFrom(20),
});

async function subscribe(auth: Auth, provider = 'chatgpt', plan: object = planInput()) {
  const response = await call(
    '/api/v1/connections',
    withJson({ kind: 'subscription', provider, label: 'Business plan', plan }, auth),
  );
  return { response, body: (await response.json()) as Record<string, unknown> & { id: string } };
}

async function charges(connectionId: string) {
  const result = await testEnv.DB.prepare(
    `SELECT charge_period_start AS start, charge_period_end AS end, billed_cost_micros AS micros,
       currency, charge_category AS category, source
     FROM cost_records WHERE connection_id = ? ORDER BY charge_period_start`,
  )
    .bind(connectionId)
    .all();
  return result.results;
}

describe('POST /api/v1/connections with kind subscription', () => {
  it('stores the plan and charges the current period exactly', async () => {
    const { token } = await newWorkspace();
    const { response, body } = await subscribe({ token });
    expect(response.status).toBe(201);
    const period = periodOf(toSubscriptionPlan(planInput()), today());
    expect(body).toMatchObject({
      kind: 'subscription',
      provider: 'chatgpt',
      status: 'ok',
      plan: { ...planInput(), nextRenewalDate: planInput().renewalDate },
    });
    expect(await charges(body.id)).toEqual([
      {
        start: `${period.start}T00:00:00Z`,
        end: `${period.end}T00:00:00Z`,
        micros: 306_000_000,
        currency: 'USD',
        category: 'purchase',
        source: 'computed',
      },
    ]);
  });

  it.each([
    [{ ...planInput(), pricePerSeat: 25.5 }, 'plan.pricePerSeat'],
    [{ ...planInput(), pricePerSeat: '1e3' }, 'plan.pricePerSeat'],
    [{ ...planInput(), seats: 0 }, 'plan.seats'],
    [{ ...planInput(), billingCycle: 'weekly' }, 'plan.billingCycle'],
    [{ ...planInput(), renewalDate: '2026-02-30' }, 'plan.renewalDate'],
    [{ ...planInput(), currency: 'usd' }, 'plan.currency'],
    [{ ...planInput(), discount: '5' }, 'plan.discount'],
  ])('answers 400 naming the field for plan %j', async (plan, field) => {
    const { token } = await newWorkspace();
    const { response, body } = await subscribe({ token }, 'chatgpt', plan);
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ code: 'validation_failed', field });
  });

  it('refuses a provider that has no subscriptions', async () => {
    const { token } = await newWorkspace();
    const { response, body } = await subscribe({ token }, 'openai');
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ field: 'provider', detail: 'OpenAI has no subscription kind' });
  });
});

describe('PATCH /api/v1/connections/:id/plan', () => {
  it('charges the current period under the new plan', async () => {
    const { token } = await newWorkspace();
    const { body } = await subscribe({ token }, 'perplexity');
    const response = await call(
      `/api/v1/connections/${body.id}/plan`,
      withJson({ seats: 15, pricePerSeat: '40' }, { token }, 'PATCH'),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ seats: 15, pricePerSeat: '40.00' });
    const stored = await charges(body.id);
    expect(stored.map((charge) => charge.micros)).toEqual([600_000_000]);
  });

  it('moves the current charge when the renewal day changes, never charging twice', async () => {
    const { token } = await newWorkspace();
    const { body } = await subscribe({ token }, 'mistral', { ...planInput(), currency: 'EUR' });
    const renewalDate = dayFrom(5);
    await call(
      `/api/v1/connections/${body.id}/plan`,
      withJson({ renewalDate }, { token }, 'PATCH'),
    );
    const period = periodOf(toSubscriptionPlan({ ...planInput(), renewalDate }), today());
    expect(await charges(body.id)).toEqual([
      expect.objectContaining({
        start: `${period.start}T00:00:00Z`,
        micros: 306_000_000,
        currency: 'EUR',
      }),
    ]);
  });

  it.each([
    [{}, null],
    [{ seats: -1 }, 'seats'],
    [{ plan: { seats: 2 } }, 'plan'],
  ])('answers 400 for %j', async (change, field) => {
    const { token } = await newWorkspace();
    const { body } = await subscribe({ token });
    const response = await call(
      `/api/v1/connections/${body.id}/plan`,
      withJson(change, { token }, 'PATCH'),
    );
    expect(response.status).toBe(400);
    if (field) expect(await response.json()).toMatchObject({ field });
  });

  it("answers 404 for another workspace's subscription", async () => {
    const owner = await newWorkspace();
    const stranger = await newWorkspace();
    const { body } = await subscribe({ token: owner.token });
    const response = await call(
      `/api/v1/connections/${body.id}/plan`,
      withJson({ seats: 1 }, { token: stranger.token }, 'PATCH'),
    );
    expect(response.status).toBe(404);
    expect((await charges(body.id)).map((charge) => charge.micros)).toEqual([306_000_000]);
  });
});

describe('POST /api/v1/connections/:id/sync of a subscription', () => {
  it('charges every period since creation once, each exactly', async () => {
    const { token } = await newWorkspace();
    const { body } = await subscribe({ token });
    const createdAt = new Date(Date.now() - 70 * DAY_MS).toISOString();
    await testEnv.DB.prepare('UPDATE connections SET created_at = ? WHERE id = ?')
      .bind(createdAt, body.id)
      .run();

    const synced = await call(`/api/v1/connections/${body.id}/sync`, {
      method: 'POST',
      headers: authHeaders({ token }),
    });
    expect(synced.status).toBe(200);
    const periods = periodsBetween(
      toSubscriptionPlan(planInput()),
      createdAt.slice(0, 10),
      today(),
    );
    expect(await synced.json()).toEqual({ status: 'charged', periods: periods.length });
    const stored = await charges(body.id);
    expect(stored.map((charge) => charge.start)).toEqual(
      periods.map((period) => `${period.start}T00:00:00Z`),
    );
    expect(stored.every((charge) => charge.micros === 306_000_000)).toBe(true);
  });
});
