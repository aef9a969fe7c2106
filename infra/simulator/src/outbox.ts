import { randomUUID } from 'node:crypto';

/** An email as Stax asked Resend to send it; what `GET /_sim/emails` lists. */
export interface StoredEmail {
  readonly id: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string | null;
  readonly html: string | null;
  readonly replyTo: readonly string[] | null;
  readonly createdAt: string;
  readonly idempotencyKey: string | null;
}

/** The fields of a send request once validated. */
export type EmailDraft = Omit<StoredEmail, 'id' | 'createdAt' | 'idempotencyKey'>;

/** What became of a send: new, a replay, or its key reused for another payload. */
export type SendOutcome =
  | { readonly kind: 'sent' | 'replayed'; readonly email: StoredEmail }
  | { readonly kind: 'conflict' };

interface IdempotentSend {
  readonly payload: string;
  readonly email: StoredEmail;
}

// Resend replays a key only for the very same payload; anything else is a caller bug.
function replayOf(earlier: IdempotentSend, payload: string): SendOutcome {
  return earlier.payload === payload
    ? { kind: 'replayed', email: earlier.email }
    : { kind: 'conflict' };
}

/** Emails received by the simulated Resend, oldest first, with their idempotency records. */
export class Outbox {
  private emails: StoredEmail[] = [];
  private readonly sendsByKey = new Map<string, IdempotentSend>();

  /** Stores the draft unless this sender already used the idempotency key. */
  send(
    draft: EmailDraft,
    idempotency: { senderFingerprint: string; key: string | null },
  ): SendOutcome {
    if (idempotency.key === null) return { kind: 'sent', email: this.store(draft, null) };
    const scopedKey = `${idempotency.senderFingerprint}:${idempotency.key}`;
    const payload = JSON.stringify(draft);
    const earlier = this.sendsByKey.get(scopedKey);
    if (earlier) return replayOf(earlier, payload);
    const email = this.store(draft, idempotency.key);
    this.sendsByKey.set(scopedKey, { payload, email });
    return { kind: 'sent', email };
  }

  /** Emails oldest first, optionally only those addressed to one recipient. */
  list(recipient: string | null): StoredEmail[] {
    if (recipient === null) return [...this.emails];
    const wanted = recipient.toLowerCase();
    return this.emails.filter((email) => email.to.some((to) => addressOf(to) === wanted));
  }

  /** Forgets every email and idempotency key, for a clean next test; says how many emails. */
  clear(): number {
    const count = this.emails.length;
    this.emails = [];
    this.sendsByKey.clear();
    return count;
  }

  private store(draft: EmailDraft, idempotencyKey: string | null): StoredEmail {
    const email = {
      ...draft,
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      idempotencyKey,
    };
    this.emails.push(email);
    return email;
  }
}

/** The bare address of `a@b.c` or `Name <a@b.c>`, lower-cased. */
export function addressOf(mailbox: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(mailbox);
  return (bracketed?.[1] ?? mailbox).trim().toLowerCase();
}
