import { compileBatch } from '@stax/db';
import type { Compilable, ExpressionBuilder } from 'kysely';
import type { StaxDatabase } from '@stax/db';
import type { AppContext } from '../app-context';
import type { BillingChange, StripeEvent } from './stripe-events';

type AccountsBuilder = ExpressionBuilder<StaxDatabase, 'billing_accounts'>;
type Applicable = Exclude<BillingChange, { kind: 'ignore' }>;

/** What applying an event did: whether it was new, and whose workspace it concerned. */
export interface AppliedEvent {
  fresh: boolean;
  workspaceId: string | null;
}

/**
 * Records the event id and applies its change in one atomic batch. The updates apply only when
 * this very request inserted the id (a replay inserts nothing and so changes nothing), and
 * each field only when the event is not older than the one that last set it.
 */
export async function applyStripeEvent(
  app: AppContext,
  event: StripeEvent,
  change: BillingChange,
): Promise<AppliedEvent> {
  const updates = change.kind === 'ignore' ? [] : changeUpdates(app, event, change);
  const [recorded] = await compileBatch(app.env.DB, [recordEvent(app, event), ...updates]);
  const fresh = (recorded?.meta.changes ?? 0) === 1;
  if (change.kind === 'ignore') return { fresh, workspaceId: null };
  return { fresh, workspaceId: await workspaceOfCustomer(app, change.customerId) };
}

function recordEvent(app: AppContext, event: StripeEvent): Compilable {
  return app.db
    .insertInto('stripe_events')
    .values({
      event_id: event.id,
      type: event.type,
      event_created: event.created,
      request_id: app.requestId,
      received_at: app.now().toISOString(),
    })
    .onConflict((conflict) => conflict.column('event_id').doNothing());
}

function changeUpdates(app: AppContext, event: StripeEvent, change: Applicable): Compilable[] {
  const updatedAt = app.now().toISOString();
  const ownInsert = (eb: AccountsBuilder) =>
    eb.exists(
      eb
        .selectFrom('stripe_events')
        .select('event_id')
        .where('event_id', '=', event.id)
        .where('request_id', '=', app.requestId),
    );
  const accountOf = app.db
    .updateTable('billing_accounts')
    .where('stripe_customer_id', '=', change.customerId)
    .where(ownInsert);

  // The plan goes first: its tie rule reads the status as it was before this event.
  const plan =
    change.kind === 'subscription'
      ? [
          accountOf
            .set({
              plan: change.plan,
              stripe_subscription_id: change.subscriptionId,
              plan_event_created: event.created,
              updated_at: updatedAt,
            })
            .where((eb) => notOlder(eb, 'plan_event_created', event.created)),
        ]
      : [];
  const status = accountOf
    .set({ status: change.status, status_event_created: event.created, updated_at: updatedAt })
    .where((eb) => notOlder(eb, 'status_event_created', event.created))
    .where((eb) =>
      eb.or([
        eb('stripe_subscription_id', 'is', null),
        eb('stripe_subscription_id', '=', change.subscriptionId),
      ]),
    );
  return [...plan, status];
}

// Stripe's `created` has one-second resolution: on a tie the later arrival wins, except over a
// canceled subscription, which nothing of the same second brings back.
function notOlder(
  eb: AccountsBuilder,
  column: 'plan_event_created' | 'status_event_created',
  created: number,
) {
  return eb.or([
    eb(column, 'is', null),
    eb(column, '<', created),
    eb.and([eb(column, '=', created), eb('status', '!=', 'canceled')]),
  ]);
}

async function workspaceOfCustomer(app: AppContext, customerId: string): Promise<string | null> {
  const row = await app.db
    .selectFrom('billing_accounts')
    .select('workspace_id')
    .where('stripe_customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.workspace_id ?? null;
}
