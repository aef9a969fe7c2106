import { toJsonText, type JsonValue } from './json-text';
import type { IncomingRequest } from './pipeline';
import { jsonResponse, type SimResponse } from './provider';
import { STRIPE_SIM_PREFIX } from './stripe';
import { SIMULATED_PRICES, stripeId, type StripeState } from './stripe-state';
import {
  deliverEvents,
  invoiceObject,
  stripeEvent,
  subscriptionObject,
  type StripeWebhookTarget,
} from './stripe-webhooks';

function html(title: string, body: string): SimResponse {
  const style = 'font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto';
  const head = `<meta charset="utf-8"><title>${title}</title>`;
  const page =
    `<!doctype html><html lang="en"><head>${head}</head>` +
    `<body style="${style}">${body}</body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
}

const json = (status: number, body: JsonValue): SimResponse =>
  jsonResponse(status, toJsonText(body));
const notFound = (): SimResponse => json(404, { error: 'no such simulated Stripe page' });

// A form posts and wants the browser sent on; a test asks for JSON and reads the deliveries.
function finish(incoming: IncomingRequest, redirect: string | null, body: JsonValue): SimResponse {
  const wantsJson = String(incoming.headers.accept ?? '').includes('application/json');
  if (wantsJson || !redirect) return json(200, body);
  return { status: 303, headers: { location: redirect }, body: '' };
}

function checkoutPage(id: string, state: StripeState): SimResponse {
  const session = state.sessions.get(id);
  if (!session) return notFound();
  const cents = SIMULATED_PRICES[session.price]?.unitAmount ?? 0;
  return html(
    'Simulated Stripe Checkout',
    '<h1>Simulated Stripe Checkout</h1>' +
      `<p>${session.price}: $${(cents / 100).toFixed(2)} a month.</p>` +
      `<p>No card is asked for: this is the local simulator.</p>` +
      `<form method="post" action="${STRIPE_SIM_PREFIX}checkout/${id}/pay">` +
      '<button>Pay</button></form>',
  );
}

async function pay(
  incoming: IncomingRequest,
  id: string,
  state: StripeState,
  target: StripeWebhookTarget | undefined,
): Promise<SimResponse> {
  const session = state.sessions.get(id);
  if (!session || session.object.status !== 'open') return notFound();
  const subscription = subscriptionObject({
    id: stripeId('sub'),
    customer: session.customer,
    price: session.price,
    status: 'active',
    metadata: session.metadata,
  });
  state.subscriptions.set(String(subscription.id), subscription);
  session.object = {
    ...session.object,
    status: 'complete',
    payment_status: 'paid',
    subscription: subscription.id ?? null,
  };

  const deliveries = await deliverEvents(
    [
      stripeEvent('checkout.session.completed', session.object),
      stripeEvent('customer.subscription.created', subscription),
      stripeEvent('invoice.paid', invoiceObject(subscription, true)),
    ],
    target,
    state,
  );
  const body = {
    subscription: String(subscription.id),
    deliveries: deliveries.map((d) => ({ ...d })),
  };
  return finish(incoming, session.successUrl, body);
}

async function failPayment(
  id: string,
  state: StripeState,
  target: StripeWebhookTarget | undefined,
) {
  const subscription = state.subscriptions.get(id);
  if (!subscription) return notFound();
  const pastDue = { ...subscription, status: 'past_due' };
  state.subscriptions.set(id, pastDue);
  const deliveries = await deliverEvents(
    [
      stripeEvent('invoice.payment_failed', invoiceObject(pastDue, false)),
      stripeEvent('customer.subscription.updated', pastDue),
    ],
    target,
    state,
  );
  return json(200, { deliveries: deliveries.map((d) => ({ ...d })) });
}

function portalPage(id: string, state: StripeState): SimResponse {
  if (!state.portalSessions.has(id)) return notFound();
  return html(
    'Simulated Stripe customer portal',
    '<h1>Simulated customer portal</h1>' +
      `<form method="post" action="${STRIPE_SIM_PREFIX}portal/${id}/cancel">` +
      '<button>Cancel the subscription</button></form>',
  );
}

async function cancelFromPortal(
  incoming: IncomingRequest,
  id: string,
  state: StripeState,
  target: StripeWebhookTarget | undefined,
): Promise<SimResponse> {
  const portal = state.portalSessions.get(id);
  if (!portal) return notFound();
  const live = [...state.subscriptions.values()].filter(
    (subscription) =>
      subscription.customer === portal.customer && subscription.status !== 'canceled',
  );
  const events = live.map((subscription) => {
    const canceled = { ...subscription, status: 'canceled' };
    state.subscriptions.set(String(subscription.id), canceled);
    return stripeEvent('customer.subscription.deleted', canceled);
  });
  const deliveries = await deliverEvents(events, target, state);
  return finish(incoming, portal.returnUrl, { deliveries: deliveries.map((d) => ({ ...d })) });
}

/**
 * The simulator's own Stripe pages: the hosted checkout and portal a user clicks through,
 * a test hook to fail the next payment, and the log of webhook deliveries.
 */
export async function serveStripePages(
  incoming: IncomingRequest,
  state: StripeState,
  target: StripeWebhookTarget | undefined,
): Promise<SimResponse> {
  const [kind, id = '', action = ''] = incoming.path.slice(STRIPE_SIM_PREFIX.length).split('/');
  const route = `${incoming.method} ${kind ?? ''}${action ? `/:id/${action}` : id ? '/:id' : ''}`;
  if (route === 'GET checkout/:id') return checkoutPage(id, state);
  if (route === 'POST checkout/:id/pay') return pay(incoming, id, state, target);
  if (route === 'GET portal/:id') return portalPage(id, state);
  if (route === 'POST portal/:id/cancel') return cancelFromPortal(incoming, id, state, target);
  if (route === 'POST subscriptions/:id/fail_payment') return failPayment(id, state, target);
  if (route === 'GET events')
    return json(
      200,
      state.deliveries.map((d) => ({ ...d })),
    );
  return notFound();
}
