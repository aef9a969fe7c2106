import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { anthropicDialect } from './anthropic';
import { chatGptDialect } from './chatgpt';
import { CONTROL_PREFIX, serveControl } from './control';
import { createCursorDialect } from './cursor';
import { createGitHubOAuth, GITHUB_OAUTH_PREFIX, githubDialect } from './github';
import { GoogleSimulator } from './google';
import { SERVICE_ACCOUNT_PATH } from './google-auth';
import { openAiDialect } from './openai';
import {
  createSimulatorState,
  serveProvider,
  type Answer,
  type IncomingRequest,
  type SimulatorState,
} from './pipeline';
import type { ProviderDialect, SimResponse } from './provider';
import { createResendDialect } from './resend';
import { createStripeDialect, isStripePath, STRIPE_SIM_PREFIX } from './stripe';
import { serveStripePages } from './stripe-pages';
import { StripeState } from './stripe-state';
import type { StripeWebhookTarget } from './stripe-webhooks';

/** Where to listen; port 0 picks a free port. Only loopback is meant: nothing here is hardened. */
export interface SimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Where the simulated Stripe posts its signed webhooks (the gateway's /webhooks/stripe). */
  readonly stripeWebhook?: StripeWebhookTarget;
}

/** A listening simulator. */
export interface RunningSimulator {
  readonly url: string;
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

interface Dialects {
  readonly cursor: ProviderDialect;
  readonly github: ProviderDialect;
  readonly githubOAuth: (incoming: IncomingRequest) => Promise<SimResponse> | SimResponse;
  readonly openai: ProviderDialect;
  readonly anthropic: ProviderDialect;
  readonly resend: ProviderDialect;
  readonly stripe: ProviderDialect;
  readonly stripePages: (incoming: IncomingRequest) => Promise<SimResponse>;
  readonly google: GoogleSimulator;
  readonly chatgpt: ProviderDialect;
}

// Anthropic is recognised by its headers too, so a stray path still gets Anthropic's 404 shape.
function dialectFor(incoming: IncomingRequest, dialects: Dialects): ProviderDialect | null {
  const { path, headers } = incoming;
  if (path === '/emails' || path.startsWith('/emails/')) return dialects.resend;
  if (isStripePath(path)) return dialects.stripe;
  if (path.startsWith('/teams/')) return dialects.cursor;
  if (path.startsWith('/orgs/') || path.startsWith('/organizations/')) return dialects.github;
  if (path === '/token') return dialects.google.oauthDialect;
  if (path.startsWith('/v1/billingAccounts/') || path.startsWith('/bigquery/')) {
    return dialects.google.apiDialect;
  }
  if (path.startsWith('/v1/analytics/codex/')) return dialects.chatgpt;
  const looksAnthropic =
    headers['x-api-key'] !== undefined || headers['anthropic-version'] !== undefined;
  if (path.startsWith('/v1/organizations/') || looksAnthropic) return dialects.anthropic;
  if (path.startsWith('/v1/')) return dialects.openai;
  return null;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(bytes > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function toIncoming(req: IncomingMessage): IncomingRequest {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    rawQuery: url.search.replace(/^\?/, ''),
    headers: req.headers,
    readBody: () => readBody(req),
  };
}

const NOT_FOUND: SimResponse = {
  status: 404,
  headers: { 'content-type': 'application/json' },
  body: '{"error":"not found"}',
};

const SIMULATOR_BUG: SimResponse = { ...NOT_FOUND, status: 500, body: '{"error":"simulator bug"}' };

async function route(
  incoming: IncomingRequest,
  state: SimulatorState,
  dialects: Dialects,
): Promise<Answer> {
  if (incoming.path === SERVICE_ACCOUNT_PATH && incoming.method === 'GET') {
    return { response: dialects.google.authority.keyFileResponse(incoming.query), delayMs: 0 };
  }
  if (incoming.path.startsWith(STRIPE_SIM_PREFIX)) {
    return { response: await dialects.stripePages(incoming), delayMs: 0 };
  }
  if (incoming.path.startsWith(CONTROL_PREFIX)) {
    return { response: await serveControl(incoming, state), delayMs: 0 };
  }
  if (incoming.path.startsWith(GITHUB_OAUTH_PREFIX)) {
    return { response: await dialects.githubOAuth(incoming), delayMs: 0 };
  }
  const dialect = dialectFor(incoming, dialects);
  return dialect ? serveProvider(dialect, incoming, state) : { response: NOT_FOUND, delayMs: 0 };
}

function send(res: ServerResponse, response: SimResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  });
  res.end(response.body);
}

// A bug must not take the server down mid-test: answer 500 and let the test see it.
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: SimulatorState,
  dialects: Dialects,
): Promise<void> {
  try {
    const answer = await route(toIncoming(req), state, dialects);
    if (answer.delayMs > 0) await sleep(answer.delayMs);
    if (!res.destroyed) send(res, answer.response);
  } catch {
    if (!res.headersSent) send(res, SIMULATOR_BUG);
  }
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts a simulator with its own empty state and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = createSimulatorState();
  const stripe = new StripeState();
  const dialects = {
    cursor: createCursorDialect(),
    github: githubDialect,
    githubOAuth: createGitHubOAuth(),
    openai: openAiDialect,
    anthropic: anthropicDialect,
    resend: createResendDialect(state.outbox),
    stripe: createStripeDialect(stripe),
    stripePages: (incoming: IncomingRequest) =>
      serveStripePages(incoming, stripe, options.stripeWebhook),
    google: new GoogleSimulator(),
    chatgpt: chatGptDialect,
  };
  const server = createServer((req, res) => void handle(req, res, state, dialects));
  const host = options.host ?? DEFAULT_HOST;
  const address = await listen(server, options.port ?? 0, host);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
