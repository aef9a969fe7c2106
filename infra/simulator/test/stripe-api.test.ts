import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/server';

const WEBHOOK_SECRET = 'whsec_simulator_tests_0123456789';
const STRIPE_KEY = 'sk_test_simulator';

interface Received {
  signature: string;
  payload: string;
}

let simulator: RunningSimulator;
let receiver: Server;
const received: Received[] = [];
let receiverStatus = 200;

/** A stand-in for the gateway's webhook endpoint that keeps what it was sent. */
function startReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    let payload = '';
    req.on('data', (chunk: Buffer) => (payload += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ signature: String(req.headers['stripe-signature']), payload });
      res.writeHead(receiverStatus).end('{}');
    });
  });
  return new Promise((resolve) =>
    receiver.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`);
    }),
  );
}

beforeAll(async () => {
  const url = await startReceiver();
  simulator = await startSimulator({ port: 0, stripeWebhook: { url, secret: WEBHOOK_SECRET } });
});

afterAll(async () => {
  await simulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** Stripe's own SDK pointed at the simulator, as the gateway uses it. */
function stripeClient(key = STRIPE_KEY): Stripe {
  const { hostname, port } = new URL(simulator.url);
  return new Stripe(key, {
    host: hostname,
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
}

async function checkoutFor(plan: string) {
  const stripe = stripeClient();
  const customer = await stripe.customers.create({
    email: 'owner@acme.example',
    metadata: { workspace_id: 'wsp_1' },
  });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: plan, quantity: 1 }],
    success_url: 'http://localhost:8787/?billing=success',
    subscription_data: { metadata: { workspace_id: 'wsp_1' } },
  });
  return { customer, session };
}

describe('simulated Stripe API', () => {
  it('creates a customer once per idempotency key', async () => {
    const stripe = stripeClient();
    const first = await stripe.customers.create(
      { email: 'a@acme.example' },
      { idempotencyKey: 'customer/wsp_x' },
    );
    const again = await stripe.customers.create(
      { email: 'a@acme.example' },
      { idempotencyKey: 'customer/wsp_x' },
    );
    expect(first.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ object: 'customer', email: 'a@acme.example', livemode: false });
  });

  it('creates a Checkout Session whose url is the simulated checkout page', async () => {
    const { customer, session } = await checkoutFor('price_sim_team');
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'subscription',
      status: 'open',
      customer: customer.id,
      amount_total: 4900,
    });
    expect(session.url).toBe(`${simulator.url}/_sim/stripe/checkout/${session.id}`);
    const page = await fetch(session.url ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('price_sim_team: $49.00 a month.');
  });

  it.each([
    [
      'an unknown price',
      { price: 'price_nope' } as { price?: string; customer?: string },
      'line_items[0][price]',
      "No such price: 'price_nope'",
    ],
    [
      'an unknown customer',
      { customer: 'cus_nope' } as { price?: string; customer?: string },
      'customer',
      "No such customer: 'cus_nope'",
    ],
  ])('refuses %s as Stripe does', async (_name, override, param, message) => {
    const stripe = stripeClient();
    const customer = await stripe.customers.create({});
    const attempt = stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: override.customer ?? customer.id,
      line_items: [{ price: override.price ?? 'price_sim_team', quantity: 1 }],
    });
    await expect(attempt).rejects.toMatchObject({
      statusCode: 400,
      raw: { type: 'invalid_request_error', code: 'resource_missing', param, message },
    });
  });

  it('refuses a key that is not a test key with 401', async () => {
    await expect(stripeClient('sk_live_real').customers.create({})).rejects.toMatchObject({
      statusCode: 401,
      type: 'StripeAuthenticationError',
    });
  });

  it('opens a billing portal session for a known customer', async () => {
    const stripe = stripeClient();
    const customer = await stripe.customers.create({});
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://localhost:8787/',
    });
    expect(portal).toMatchObject({
      object: 'billing_portal.session',
      customer: customer.id,
      return_url: 'http://localhost:8787/',
    });
    expect(portal.url).toBe(`${simulator.url}/_sim/stripe/portal/${portal.id}`);
  });
});

describe('simulated Stripe checkout page', () => {
  it('pays by sending signed webhooks that Stripe’s SDK verifies', async () => {
    const { customer, session } = await checkoutFor('price_sim_business');
    received.length = 0;

    const paid = await fetch(`${simulator.url}/_sim/stripe/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const body = (await paid.json()) as {
      subscription: string;
      deliveries: Array<{ type: string; status: number }>;
    };

    expect(body.deliveries.map((delivery) => [delivery.type, delivery.status])).toEqual([
      ['checkout.session.completed', 200],
      ['customer.subscription.created', 200],
      ['invoice.paid', 200],
    ]);
    const events = await Promise.all(
      received.map((delivery) =>
        Stripe.webhooks.constructEventAsync(
          delivery.payload,
          delivery.signature,
          WEBHOOK_SECRET,
          300,
        ),
      ),
    );
    const subscription = events[1]?.data.object as Stripe.Subscription;
    expect(subscription).toMatchObject({
      id: body.subscription,
      customer: customer.id,
      status: 'active',
    });
    expect(subscription.items.data[0]?.price.id).toBe('price_sim_business');
    const invoice = events[2]?.data.object as Stripe.Invoice;
    expect(invoice.parent?.subscription_details?.subscription).toBe(body.subscription);
    expect(invoice.amount_paid).toBe(19900);
    expect(received[0]?.signature).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
  });

  it('sends the browser on to the success URL after a form post, and pays only once', async () => {
    const { session } = await checkoutFor('price_sim_team');
    const url = `${simulator.url}/_sim/stripe/checkout/${session.id}/pay`;
    const first = await fetch(url, { method: 'POST', redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('http://localhost:8787/?billing=success');
    const second = await fetch(url, { method: 'POST', redirect: 'manual' });
    expect(second.status).toBe(404);
  });

  it('fails a payment and cancels from the portal, with the matching events', async () => {
    const { customer, session } = await checkoutFor('price_sim_team');
    const paid = await fetch(`${simulator.url}/_sim/stripe/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const { subscription } = (await paid.json()) as { subscription: string };
    const failed = await fetch(
      `${simulator.url}/_sim/stripe/subscriptions/${subscription}/fail_payment`,
      { method: 'POST' },
    );
    const portal = await stripeClient().billingPortal.sessions.create({ customer: customer.id });
    const canceled = await fetch(`${simulator.url}/_sim/stripe/portal/${portal.id}/cancel`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const types = (answer: unknown) =>
      (answer as { deliveries: Array<{ type: string }> }).deliveries.map((d) => d.type);

    expect(types(await failed.json())).toEqual([
      'invoice.payment_failed',
      'customer.subscription.updated',
    ]);
    expect(types(await canceled.json())).toEqual(['customer.subscription.deleted']);
  });

  it('records what the endpoint answered, a refusal included', async () => {
    const { session } = await checkoutFor('price_sim_team');
    receiverStatus = 400;
    await fetch(`${simulator.url}/_sim/stripe/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    receiverStatus = 200;
    const log = (await (await fetch(`${simulator.url}/_sim/stripe/events`)).json()) as Array<{
      status: number;
    }>;
    expect(log.slice(-3).map((entry) => entry.status)).toEqual([400, 400, 400]);
  });
});
