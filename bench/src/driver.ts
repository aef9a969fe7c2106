const MAX_ATTEMPTS = 5;

/** A call: its method (POST when it has a body), JSON body, and how long to wait for it. */
export interface CallInit {
  method?: string;
  body?: unknown;
  timeoutMs?: number;
}
/** The longest one driver call may take: a slice of 5,000 records on a loaded machine. */
const CALL_TIMEOUT_MS = 120_000;

/** A client of the running stack through the benchmarks' driver (which fronts the gateway). */
export class Driver {
  private authorization: Record<string, string> = {};

  constructor(
    readonly appUrl: string,
    readonly simulatorUrl: string,
  ) {}

  /** Calls the driver or, past it, the gateway; fails loudly on an unexpected status. */
  async json<T>(path: string, init: CallInit = {}, status = 200) {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.attempt(path, init);
      if (answer.status === status) return JSON.parse(answer.text) as T;
      // wrangler dev now and then restarts a Worker under a long load, or a call hangs on a
      // stale connection: the call did nothing, so it is made again.
      const restarted = answer.status === 503 && answer.text.includes('restarted mid-request');
      if (!(restarted || answer.status === 0) || attempt >= MAX_ATTEMPTS) {
        throw new Error(`${path}: ${answer.status} ${answer.text}`);
      }
    }
  }

  private async attempt(path: string, init: CallInit) {
    try {
      const response = await this.call(path, init);
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        return { status: 0, text: 'timed out' };
      }
      throw error;
    }
  }

  /** One call; the body is read and dropped, so a latency sample includes the whole answer. */
  async call(path: string, init: CallInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.authorization };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.appUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(init.timeoutMs ?? CALL_TIMEOUT_MS),
    });
  }

  /** Calls and drains the body; throws unless the status is 200. */
  async expectOk(path: string, init: CallInit = {}): Promise<void> {
    const response = await this.call(path, init);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text}`);
  }

  /** The headers that authenticate the calls that follow. */
  get authHeaders(): Record<string, string> {
    return { ...this.authorization };
  }

  /** Signs in through the emailed link, then switches to a fresh API token. */
  async signIn(email: string): Promise<{ workspaceId: string }> {
    await this.json('/api/v1/auth/login', { body: { email } }, 202);
    const landing = await fetch(await this.latestLink(email), { redirect: 'manual' });
    if (landing.status !== 303) throw new Error(`sign-in link answered ${landing.status}`);
    const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.authorization = { cookie };
    const created = await this.json<{ token: string }>(
      '/api/v1/tokens',
      { body: { name: 'bench' } },
      201,
    );
    this.authorization = { authorization: `Bearer ${created.token}` };
    const me = await this.json<{ workspace: { id: string } }>('/api/v1/me');
    return { workspaceId: me.workspace.id };
  }

  private async latestLink(email: string): Promise<string> {
    const query = `to=${encodeURIComponent(email)}`;
    const response = await fetch(`${this.simulatorUrl}/_sim/emails?${query}`);
    const emails = (await response.json()) as Array<{ text: string }>;
    const link = /http:\/\/localhost:\d+\/auth\/callback\?token=[\w-]+/.exec(
      emails.at(-1)?.text ?? '',
    );
    if (!link) throw new Error(`no sign-in link for ${email}`);
    return link[0];
  }
}
