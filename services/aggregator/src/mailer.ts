import { Resend } from 'resend';
import type { Env } from './env';

/** An email in HTML and plain text. */
export interface Email {
  to: readonly string[];
  subject: string;
  html: string;
  text: string;
  /** Resend delivers a retried send with the same key and payload once. */
  idempotencyKey: string;
}

export type SendResult = { ok: true; id: string } | { ok: false; reason: string };

type MailEnv = Pick<Env, 'RESEND_API_KEY' | 'RESEND_BASE_URL' | 'EMAIL_FROM'>;

/** Sends through Resend (locally its base URL is the simulator's mailbox). */
export async function sendEmail(env: MailEnv, email: Email): Promise<SendResult> {
  const resend = new Resend(env.RESEND_API_KEY, { baseUrl: env.RESEND_BASE_URL });
  const { data, error } = await resend.emails.send(
    {
      from: env.EMAIL_FROM,
      to: [...email.to],
      subject: email.subject,
      html: email.html,
      text: email.text,
    },
    { idempotencyKey: email.idempotencyKey },
  );
  if (error || !data) return { ok: false, reason: error?.name ?? 'no answer' };
  return { ok: true, id: data.id };
}
