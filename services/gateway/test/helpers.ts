import { exports } from 'cloudflare:workers';
import { vi } from 'vitest';

const ORIGIN = 'https://stax.test';

/** Sends a request to the gateway under test, as the outside world would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return (exports as unknown as { default: Fetcher }).default.fetch(
    new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }),
  );
}

/** JSON request options, with a session cookie or bearer token when given. */
export function withJson(body: unknown, auth?: Auth, method = 'POST'): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...authHeaders(auth) },
    body: JSON.stringify(body),
  };
}

export type Auth = { cookie: string } | { token: string };

export function authHeaders(auth?: Auth): Record<string, string> {
  if (!auth) return {};
  return 'cookie' in auth ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.token}` };
}

export interface SentEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** Captures what the gateway sends to Resend, answering as Resend does. */
export function captureEmails(): SentEmail[] {
  const sent: SentEmail[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith('https://resend.test/')) return realFetch(input, init);
    sent.push((await request.json()) as SentEmail);
    return Response.json({ id: crypto.randomUUID() });
  });
  return sent;
}

/** The sign-in link in an email's text. */
export function linkIn(email: SentEmail | undefined): string {
  const match = /https:\/\/stax\.test\/auth\/callback\?token=[\w-]+/.exec(email?.text ?? '');
  if (!match) throw new Error('no sign-in link in the email');
  return match[0];
}

/** Signs in through the emailed link and returns the session cookie. */
export async function signIn(email: string): Promise<{ cookie: string }> {
  const outbox = captureEmails();
  await call('/api/v1/auth/login', withJson({ email }));
  const link = linkIn(outbox.at(-1));
  vi.restoreAllMocks();
  const landing = await call(link.slice(ORIGIN.length));
  const setCookie = landing.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  if (!cookie.startsWith('stax_session=')) throw new Error('no session cookie');
  return { cookie };
}

/** A fresh workspace: a new user signed in, and an admin API token of theirs. */
export async function newWorkspace(): Promise<{ cookie: string; token: string }> {
  const session = await signIn(`user-${crypto.randomUUID().slice(0, 8)}@example.com`);
  const created = await call('/api/v1/tokens', withJson({ name: 'tests' }, session));
  const { token } = (await created.json()) as { token: string };
  return { ...session, token };
}
