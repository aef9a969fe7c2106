import type { AppContext } from '../app-context';
import { sendEmail } from '../email/mailer';
import { escapeHtml } from '../email/templates';

/** The subject, HTML and text of the email owners get when Stripe could not charge the card. */
export function paymentFailedEmail(billingUrl: string): {
  subject: string;
  html: string;
  text: string;
} {
  const intro = 'Stripe could not charge the card for your Stax subscription.';
  const next = 'Stripe will try again over the next days; update the card to keep your plan.';
  return {
    subject: 'Stax: your payment failed',
    text: [intro, next, '', `Manage billing: ${billingUrl}`].join('\n'),
    html: [
      `<p>${intro}</p>`,
      `<p>${next}</p>`,
      `<p><a href="${escapeHtml(billingUrl)}">Manage billing</a></p>`,
    ].join('\n'),
  };
}

/** Emails every owner of the workspace, once per event (Resend's idempotency key). */
export async function emailOwnersPaymentFailed(
  app: AppContext,
  workspaceId: string,
  eventId: string,
): Promise<void> {
  const owners = await app.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.role', '=', 'owner')
    .execute();
  const content = paymentFailedEmail(new URL('/?billing=manage', app.env.APP_URL).toString());
  for (const owner of owners) {
    const sent = await sendEmail(app.env, {
      to: owner.email,
      ...content,
      idempotencyKey: `payment-failed/${eventId}/${owner.id}`,
    });
    if (!sent.ok) app.log.error('payment-failed email not sent', { reason: sent.reason });
  }
}
