import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, newWorkspace, withJson } from './helpers';
import {
  customerOf,
  deliver,
  mockStripeApi,
  nowSeconds,
  planOf,
  subscriptionEvent,
} from './stripe-helpers';

afterEach(() => vi.restoreAllMocks());

async function connect(token: string, label: string): Promise<Response> {
  return call(
    '/api/v1/connections',
    withJson({ provider: 'openai', label, credential: `sk-admin-sim-${label}` }, { token }),
  );
}

describe('plan limits', () => {
  it('refuses a third connection on Free with a problem that says how to lift it', async () => {
    const { token } = await newWorkspace();
    expect((await connect(token, 'first1')).status).toBe(201);
    expect((await connect(token, 'second')).status).toBe(201);

    const third = await connect(token, 'third3');

    expect(third.status).toBe(402);
    expect(third.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await third.json()) as Record<string, unknown>;
    expect(problem).toEqual({
      type: 'https://stax.dev/problems/plan-limit',
      title: 'The Free plan allows 2 connections; this workspace has 2.',
      status: 402,
      code: 'plan_limit',
      requestId: expect.stringMatching(/^req_[0-9a-f]{20}$/),
      detail:
        'Upgrade to Team (up to 10 connections) with POST /api/v1/billing/checkout {"plan":"team"}, or remove one first.',
    });
  });

  it('counts only live connections: deleting one makes room again', async () => {
    const { token } = await newWorkspace();
    await connect(token, 'first1');
    const second = (await (await connect(token, 'second')).json()) as { id: string };
    await call(`/api/v1/connections/${second.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });

    expect((await connect(token, 'third3')).status).toBe(201);
  });

  it('lifts the limit once a Team subscription is active', async () => {
    const owner = await newWorkspace();
    const customer = await customerOf(owner);
    await connect(owner.token, 'first1');
    await connect(owner.token, 'second');
    const subscribed = subscriptionEvent('created', {
      customer,
      subscription: 'sub_lift',
      created: nowSeconds(),
    });
    expect((await deliver(subscribed)).status).toBe(200);

    expect((await connect(owner.token, 'third3')).status).toBe(201);
    expect(await planOf(owner)).toEqual({
      plan: 'team',
      limits: { connections: 10, members: 10 },
      subscription: { plan: 'team', status: 'active' },
    });
  });
});

describe('POST /api/v1/billing/checkout', () => {
  it('creates a customer once and a subscription Checkout Session for the plan', async () => {
    const owner = await newWorkspace();
    const calls = mockStripeApi();

    const first = await call('/api/v1/billing/checkout', withJson({ plan: 'business' }, owner));
    const second = await call('/api/v1/billing/checkout', withJson({ plan: 'team' }, owner));

    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({
      id: expect.stringMatching(/^cs_test_/),
      url: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/),
    });
    expect(second.status).toBe(201);
    expect(calls.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'POST /v1/customers',
      'POST /v1/checkout/sessions',
      'POST /v1/checkout/sessions',
    ]);
    const session = calls[1]?.form;
    expect(session?.get('mode')).toBe('subscription');
    expect(session?.get('line_items[0][price]')).toBe('price_sim_business');
    expect(session?.get('line_items[0][quantity]')).toBe('1');
    expect(session?.get('customer')).toBe(calls[2]?.form.get('customer'));
    expect(session?.get('success_url')).toBe('https://stax.test/?billing=success');
    expect(calls[0]?.form.get('metadata[workspace_id]')).toMatch(/^wsp_/);
  });

  it('refuses an admin API token: only an owner subscribes', async () => {
    const { token } = await newWorkspace();
    const response = await call('/api/v1/billing/checkout', withJson({ plan: 'team' }, { token }));
    expect(response.status).toBe(403);
  });

  it.each([
    [{}],
    [{ plan: 'free' }],
    [{ plan: 'enterprise' }],
    [{ plan: 'team', price: 'price_x' }],
  ])('answers 400 for %j', async (body) => {
    const owner = await newWorkspace();
    const response = await call('/api/v1/billing/checkout', withJson(body, owner));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('answers 409 when the workspace already pays, pointing to the portal', async () => {
    const owner = await newWorkspace();
    const customer = await customerOf(owner);
    await deliver(
      subscriptionEvent('created', { customer, subscription: 'sub_twice', created: nowSeconds() }),
    );
    mockStripeApi();

    const response = await call('/api/v1/billing/checkout', withJson({ plan: 'business' }, owner));

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: 'conflict',
      detail: 'Change or cancel it in the customer portal: POST /api/v1/billing/portal.',
    });
  });

  it('answers 502 when Stripe fails', async () => {
    const owner = await newWorkspace();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      Response.json({ error: { type: 'api_error', message: 'boom' } }, { status: 500 }),
    );
    const response = await call('/api/v1/billing/checkout', withJson({ plan: 'team' }, owner));
    expect(response.status).toBe(502);
  });
});

describe('POST /api/v1/billing/portal', () => {
  it('opens the customer portal for the workspace customer', async () => {
    const owner = await newWorkspace();
    const customer = await customerOf(owner);
    const calls = mockStripeApi();

    const response = await call('/api/v1/billing/portal', {
      method: 'POST',
      headers: { cookie: owner.cookie },
    });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      url: expect.stringMatching(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/),
    });
    expect(calls[0]?.path).toBe('/v1/billing_portal/sessions');
    expect(calls[0]?.form.get('customer')).toBe(customer);
    expect(calls[0]?.form.get('return_url')).toBe('https://stax.test/');
  });

  it('answers 409 before any checkout', async () => {
    const owner = await newWorkspace();
    const response = await call('/api/v1/billing/portal', {
      method: 'POST',
      headers: { cookie: owner.cookie },
    });
    expect(response.status).toBe(409);
  });
});
