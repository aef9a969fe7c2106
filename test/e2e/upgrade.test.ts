import { describe, expect, it } from 'vitest';
import { StaxClient } from './client';

interface Billing {
  plan: string;
  limits: { connections: number };
  subscription: { plan: string; status: string } | null;
}

interface Delivery {
  type: string;
  status: number | null;
}

const connect = (client: StaxClient, provider: string, credential: string) =>
  client.api('/api/v1/connections', {
    method: 'POST',
    body: { provider, label: `Upgrade ${provider}`, credential },
  });

describe('an owner upgrades from Free to Team through the simulated Stripe Checkout', () => {
  const client = new StaxClient();
  let checkoutUrl = '';

  it('fills the Free plan and is told how to lift the limit', async () => {
    await client.signIn('owner@upgrade.example');
    expect((await connect(client, 'openai', 'sk-admin-sim-upgr')).status).toBe(201);
    expect((await connect(client, 'anthropic', 'sk-ant-admin01-sim-upgr')).status).toBe(201);

    const refused = await connect(client, 'openai', 'sk-admin-sim-upgrtwo');

    expect(refused.status).toBe(402);
    expect(await refused.json()).toMatchObject({
      code: 'plan_limit',
      title: 'The Free plan allows 2 connections; this workspace has 2.',
    });
  });

  it('opens a Checkout Session on the simulated Stripe', async () => {
    const session = await client.json<{ id: string; url: string }>(
      '/api/v1/billing/checkout',
      { method: 'POST', body: { plan: 'team' } },
      201,
    );
    expect(session.url).toBe(`${client.simulatorUrl}/_sim/stripe/checkout/${session.id}`);
    checkoutUrl = session.url;
    const page = await fetch(checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('price_sim_team: $49.00 a month.');
  });

  it('pays, and the signed webhooks reach the gateway and move the plan', async () => {
    const paid = await fetch(`${checkoutUrl}/pay`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const { deliveries } = (await paid.json()) as { deliveries: Delivery[] };
    expect(deliveries).toEqual([
      { eventId: expect.stringMatching(/^evt_/), type: 'checkout.session.completed', status: 200 },
      {
        eventId: expect.stringMatching(/^evt_/),
        type: 'customer.subscription.created',
        status: 200,
      },
      { eventId: expect.stringMatching(/^evt_/), type: 'invoice.paid', status: 200 },
    ]);

    const billing = await client.json<Billing>('/api/v1/billing');

    expect(billing).toEqual({
      plan: 'team',
      limits: { connections: 10, members: 10 },
      subscription: { plan: 'team', status: 'active' },
    });
  });

  it('lifts the limit: the third connection is accepted', async () => {
    expect((await connect(client, 'openai', 'sk-admin-sim-upgrtwo')).status).toBe(201);
  });

  it('opens the customer portal and cancels back to Free', async () => {
    const portal = await client.json<{ url: string }>(
      '/api/v1/billing/portal',
      { method: 'POST' },
      201,
    );
    const canceled = await fetch(`${portal.url}/cancel`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const { deliveries } = (await canceled.json()) as { deliveries: Delivery[] };
    expect(deliveries.map((delivery) => [delivery.type, delivery.status])).toEqual([
      ['customer.subscription.deleted', 200],
    ]);

    expect(await client.json<Billing>('/api/v1/billing')).toMatchObject({
      plan: 'free',
      subscription: { status: 'canceled' },
    });
  });
});
