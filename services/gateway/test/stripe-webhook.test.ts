import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestEnv } from './env';
import { captureEmails, newWorkspace } from './helpers';
import {
  customerOf,
  deliver,
  invoiceEvent,
  nowSeconds,
  planOf,
  postWebhook,
  stripeSignature,
  subscriptionEvent,
} from './stripe-helpers';

const testEnv = env as unknown as TestEnv;

afterEach(() => vi.restoreAllMocks());

async function subscribedWorkspace() {
  const owner = await newWorkspace();
  const customer = await customerOf(owner);
  return { owner, customer };
}

async function expectRefused(response: Response, title: string): Promise<void> {
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({
    code: 'bad_request',
    field: 'stripe-signature',
    title,
  });
}

const MISMATCH = 'The signature does not match this body, or it is too old.';

describe('POST /webhooks/stripe signature (hostile input 11)', () => {
  const event = subscriptionEvent('created', {
    customer: 'cus_unknown',
    subscription: 'sub_unknown',
    created: nowSeconds(),
  });
  const payload = JSON.stringify(event);

  it('refuses a missing header', async () => {
    await expectRefused(
      await postWebhook(payload, null),
      'The Stripe-Signature header is missing.',
    );
  });

  it.each([
    ['a v0 signature only', async () => (await stripeSignature(payload)).replace('v1=', 'v0=')],
    ['the wrong secret', () => stripeSignature(payload, nowSeconds(), 'whsec_someone_else')],
    ['a flipped signature character', async () => flipLast(await stripeSignature(payload))],
    ['no timestamp', async () => (await stripeSignature(payload)).replace(/^t=\d+,/, '')],
    ['garbage', async () => 'not a signature'],
  ])('refuses %s', async (_name, header) => {
    await expectRefused(await postWebhook(payload, await header()), MISMATCH);
  });

  it('refuses the same event re-serialized by a framework (checked on the raw body)', async () => {
    const signature = await stripeSignature(payload);
    const reserialized = JSON.stringify(event, null, 2);
    await expectRefused(await postWebhook(reserialized, signature), MISMATCH);
  });

  it('accepts a correct signature among others (key rotation)', async () => {
    const good = await stripeSignature(payload);
    const other = (await stripeSignature(payload, nowSeconds(), 'whsec_old')).split(',')[1];
    const response = await postWebhook(payload, `${good},${other}`);
    expect(response.status).toBe(200);
  });
});

describe('POST /webhooks/stripe clock skew (hostile input 10)', () => {
  it.each([
    [-301, 400],
    [-299, 200],
    [299, 200],
    [301, 400],
  ])('answers %i s of skew with %i', async (skew, status) => {
    const event = subscriptionEvent('updated', {
      customer: 'cus_skew',
      subscription: 'sub_skew',
      created: nowSeconds(),
    });
    const payload = JSON.stringify(event);
    const response = await postWebhook(
      payload,
      await stripeSignature(payload, nowSeconds() + skew),
    );
    expect(response.status).toBe(status);
  });
});

describe('POST /webhooks/stripe replay (hostile input 9)', () => {
  it('answers 200 to a replay and changes nothing', async () => {
    const { owner, customer } = await subscribedWorkspace();
    const created = nowSeconds();
    const first = subscriptionEvent('created', { customer, subscription: 'sub_replay', created });
    const payload = JSON.stringify(first);
    const signature = await stripeSignature(payload);
    expect(await (await postWebhook(payload, signature)).json()).toEqual({
      received: true,
      duplicate: false,
    });
    // A newer event moves the plan on; replaying the first must not move it back.
    await deliver(
      subscriptionEvent('deleted', { customer, subscription: 'sub_replay', created: created + 5 }),
    );

    const replay = await postWebhook(payload, signature);

    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect(await planOf(owner)).toMatchObject({
      plan: 'free',
      subscription: { status: 'canceled' },
    });
    const rows = await testEnv.DB.prepare(
      'SELECT count(*) AS n FROM stripe_events WHERE event_id = ?',
    )
      .bind(first.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('emails the owners once for a failed payment, however often it is delivered', async () => {
    const { owner, customer } = await subscribedWorkspace();
    await deliver(
      subscriptionEvent('created', {
        customer,
        subscription: 'sub_fail',
        created: nowSeconds() - 10,
      }),
    );
    const outbox = captureEmails();
    const failed = invoiceEvent('payment_failed', {
      customer,
      subscription: 'sub_fail',
      created: nowSeconds(),
    });

    await deliver(failed);
    await deliver(failed);

    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.subject).toBe('Stax: your payment failed');
    expect(outbox[0]?.text).toContain('https://stax.test/?billing=manage');
    expect(await planOf(owner)).toMatchObject({
      plan: 'team',
      subscription: { status: 'past_due' },
    });
  });
});

describe('POST /webhooks/stripe ordering', () => {
  it('keeps a newer subscription state when an older event arrives late', async () => {
    const { owner, customer } = await subscribedWorkspace();
    const t = nowSeconds();
    await deliver(
      subscriptionEvent('updated', {
        customer,
        subscription: 'sub_order',
        created: t,
        price: 'price_sim_business',
      }),
    );
    await deliver(
      subscriptionEvent('created', { customer, subscription: 'sub_order', created: t - 60 }),
    );

    expect(await planOf(owner)).toMatchObject({
      plan: 'business',
      subscription: { plan: 'business', status: 'active' },
    });
  });

  it('keeps a subscription canceled when an older update arrives after the deletion', async () => {
    const { owner, customer } = await subscribedWorkspace();
    const t = nowSeconds();
    await deliver(subscriptionEvent('deleted', { customer, subscription: 'sub_gone', created: t }));
    await deliver(
      subscriptionEvent('updated', { customer, subscription: 'sub_gone', created: t - 1 }),
    );
    await deliver(subscriptionEvent('updated', { customer, subscription: 'sub_gone', created: t }));

    expect(await planOf(owner)).toMatchObject({
      plan: 'free',
      subscription: { status: 'canceled' },
    });
  });

  it('takes the plan from a late subscription event after a newer invoice set the status', async () => {
    const { owner, customer } = await subscribedWorkspace();
    const t = nowSeconds();
    await deliver(invoiceEvent('paid', { customer, subscription: 'sub_late', created: t }));
    await deliver(
      subscriptionEvent('created', {
        customer,
        subscription: 'sub_late',
        created: t - 2,
        status: 'incomplete',
      }),
    );

    expect(await planOf(owner)).toMatchObject({
      plan: 'team',
      subscription: { plan: 'team', status: 'active' },
    });
  });

  it('moves the plan through paid, failed and paid again', async () => {
    const { owner, customer } = await subscribedWorkspace();
    const t = nowSeconds();
    const statusAfter = async (event: object) => {
      await deliver(event);
      return (await planOf(owner)).subscription?.status;
    };
    captureEmails();

    expect(
      await statusAfter(
        subscriptionEvent('created', { customer, subscription: 'sub_cycle', created: t - 30 }),
      ),
    ).toBe('active');
    expect(
      await statusAfter(
        invoiceEvent('payment_failed', { customer, subscription: 'sub_cycle', created: t - 20 }),
      ),
    ).toBe('past_due');
    expect(
      await statusAfter(
        invoiceEvent('paid', { customer, subscription: 'sub_cycle', created: t - 10 }),
      ),
    ).toBe('active');
    expect(
      await statusAfter(
        subscriptionEvent('updated', {
          customer,
          subscription: 'sub_cycle',
          created: t,
          status: 'unpaid',
        }),
      ),
    ).toBe('unpaid');
    expect((await planOf(owner)).plan).toBe('free');
  });

  it('records an event of a type it does not use, and ignores a price it does not sell', async () => {
    const { owner, customer } = await subscribedWorkspace();
    const other = {
      ...subscriptionEvent('created', { customer, subscription: 'sub_x', created: nowSeconds() }),
      type: 'customer.created',
    };
    const foreignPrice = subscriptionEvent('created', {
      customer,
      subscription: 'sub_y',
      created: nowSeconds(),
      price: 'price_other',
    });

    expect((await deliver(other)).status).toBe(200);
    expect((await deliver(foreignPrice)).status).toBe(200);
    expect(await planOf(owner)).toMatchObject({ plan: 'free', subscription: null });
  });
});

function flipLast(header: string): string {
  const last = header.at(-1) === '0' ? '1' : '0';
  return header.slice(0, -1) + last;
}

describe('a signed event of an unexpected shape', () => {
  it.each([
    [
      {
        id: 'evt_shape1',
        type: 'customer.subscription.updated',
        created: 0,
        data: { object: { id: 42 } },
      },
      'data.object.id',
    ],
    [{ id: 'evt_shape2', type: 'customer.subscription.updated', data: { object: {} } }, 'created'],
  ])('answers 400 naming the field, never 500: %j', async (event, field) => {
    const body = JSON.stringify({
      ...event,
      created: 'created' in event ? nowSeconds() : undefined,
    });
    const response = await postWebhook(body, await stripeSignature(body, nowSeconds()));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });
});
