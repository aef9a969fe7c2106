import type { IRequest } from 'itty-router';
import Stripe from 'stripe';
import { z } from 'zod';
import { ApiError, parseWith, readTextBody } from '@stax/http';
import type { AppContext } from '../app-context';
import { json } from '../http/respond';
import { emailOwnersPaymentFailed } from './payment-failed';
import { billingChangeOf, StripeEventSchema, type StripeEvent } from './stripe-events';
import { applyStripeEvent } from './stripe-events.store';
import { stripeCrypto } from './stripe-client';

// Stripe's events are a few kilobytes; a megabyte is no event of ours.
const MAX_WEBHOOK_BODY_BYTES = 512 * 1024;
/** How far a signature's timestamp may be from our clock, in the past or the future. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * POST /webhooks/stripe: verifies the signature on the raw body, records the event id once
 * and moves the workspace's plan. A replay answers 200 and changes nothing.
 */
export async function stripeWebhook(request: IRequest, app: AppContext): Promise<Response> {
  const payload = await readTextBody(request, MAX_WEBHOOK_BODY_BYTES);
  const event = await verifiedEvent(payload, request.headers.get('stripe-signature'), app);

  const change = changeOf(event, app);
  const applied = await applyStripeEvent(app, event, change);
  if (applied.fresh && change.kind === 'invoice' && change.paymentFailed && applied.workspaceId) {
    await emailOwnersPaymentFailed(app, applied.workspaceId, event.id);
  }
  app.log.info('stripe event', {
    eventId: event.id,
    type: event.type,
    duplicate: !applied.fresh,
    ...(change.kind === 'ignore' ? { ignored: change.reason } : {}),
  });

  return json({ received: true, duplicate: !applied.fresh });
}

async function verifiedEvent(
  payload: string,
  header: string | null,
  app: AppContext,
): Promise<StripeEvent> {
  if (!header) throw badSignature('The Stripe-Signature header is missing.');
  const nowMs = app.now().getTime();
  const signedAt = timestampOf(header);
  // The SDK's tolerance only bounds the past; a timestamp from the future is refused here.
  if (signedAt !== null && signedAt - nowMs / 1000 > WEBHOOK_TOLERANCE_SECONDS) {
    throw badSignature('The signature is dated in the future.');
  }
  let event: unknown;
  try {
    event = await Stripe.webhooks.constructEventAsync(
      payload,
      header,
      app.env.STRIPE_WEBHOOK_SECRET,
      WEBHOOK_TOLERANCE_SECONDS,
      stripeCrypto,
      nowMs,
    );
  } catch (error) {
    app.log.warn('stripe webhook refused', {
      reason: error instanceof Error ? error.name : 'unknown',
    });
    throw badSignature('The signature does not match this body, or it is too old.');
  }
  return parseWith(StripeEventSchema, event);
}

// A signed event whose object is not the shape we read is answered 400 naming the field, so
// Stripe retries it later instead of Stax guessing at a plan.
function changeOf(event: StripeEvent, app: AppContext) {
  try {
    return billingChangeOf(event, app.env);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const path = error.issues[0]?.path.map(String).join('.') ?? '';
    throw new ApiError('validation_failed', {
      title: 'The event does not have the shape Stax expects.',
      field: path ? `data.object.${path}` : 'data.object',
    });
  }
}

function timestampOf(header: string): number | null {
  const part = header.split(',').find((item) => item.startsWith('t='));
  const text = part?.slice(2) ?? '';
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}

function badSignature(title: string): ApiError {
  return new ApiError('bad_request', { title, field: 'stripe-signature' });
}
