import { inject } from 'vitest';

/** A client of the running system, as a user's script would be. */
export class StaxClient {
  readonly appUrl = inject('appUrl');
  readonly simulatorUrl = inject('simulatorUrl');
  private auth: Record<string, string> = {};
  /** The secrets this client was handed, for the leak scan. */
  token: string | undefined;
  sessionSecret: string | undefined;

  /** Calls the API, with the session or token this client holds. */
  async api(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.auth };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.appUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: 'manual',
    });
  }

  /** Calls the API and reads JSON, failing loudly on an unexpected status. */
  async json<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
    status = 200,
  ): Promise<T> {
    const response = await this.api(path, init);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** Signs in through the link that lands in the simulator's mailbox. */
  async signIn(email: string): Promise<void> {
    await this.json('/api/v1/auth/login', { method: 'POST', body: { email } }, 202);
    const link = await this.latestLink(email);
    const landing = await fetch(link, { redirect: 'manual' });
    if (landing.status !== 303) throw new Error(`sign-in link answered ${landing.status}`);
    const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.sessionSecret = cookie.split('=')[1];
    this.auth = { cookie };
  }

  /** Uploads a CSV file as the request body, with this client's session or token. */
  async uploadCsv(path: string, csv: string): Promise<Response> {
    const headers = { ...this.auth, 'content-type': 'text/csv' };
    return fetch(`${this.appUrl}${path}`, { method: 'POST', headers, body: csv });
  }

  /** From now on, authenticates with an API token instead of the session. */
  useToken(token: string): void {
    this.token = token;
    this.auth = { authorization: `Bearer ${token}` };
  }

  private async latestLink(email: string): Promise<string> {
    const response = await fetch(
      `${this.simulatorUrl}/_sim/emails?to=${encodeURIComponent(email)}`,
    );
    const emails = (await response.json()) as Array<{ text: string }>;
    const match = /http:\/\/localhost:\d+\/auth\/callback\?token=[\w-]+/.exec(
      emails.at(-1)?.text ?? '',
    );
    if (!match) throw new Error(`no sign-in link for ${email}`);
    return match[0];
  }

  /** Polls until `done` holds, or fails after `timeoutMs`. */
  async until<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 90_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`gave up waiting: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
