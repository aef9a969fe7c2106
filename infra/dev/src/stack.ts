import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startSimulator } from '@stax/simulator';
import { prepareDevVars, type StackUrls } from './dev-vars';
import { configPath, DATABASES, REPO_ROOT, SERVICES } from './services';
import { buildDashboard } from './web-build';

export interface StackOptions {
  port: number;
  simulatorPort: number;
  /** Where local D1, R2 and queue state lives. */
  persistTo: string;
  /** Provider base URLs; the simulator's when absent. */
  providerUrls?: Partial<StackUrls['providers']>;
  /** A file for wrangler's output; the terminal when absent. */
  logFile?: string;
  inspectorPort?: number;
  /**
   * A Worker config served on the port ahead of the gateway (the benchmarks' driver, which
   * passes every other request on to the gateway); absent, the gateway is served.
   */
  leadConfig?: string;
}

export interface RunningStack extends StackUrls {
  /** Bearer token for /internal in local development. */
  operatorToken: string;
  stop(): Promise<void>;
}

const WRANGLER = join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');
const READY_TIMEOUT_MS = 180_000;
const HOST = '127.0.0.1';

/** Starts the simulator and every Worker, applies migrations, and waits until healthy. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  await buildDashboard(options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null);
  // One signing secret per run, shared by the simulated Stripe and the gateway's .dev.vars.
  const stripeWebhookSecret = `whsec_${randomBytes(24).toString('base64url')}`;
  const simulator = await startSimulator({
    port: options.simulatorPort,
    host: HOST,
    stripeWebhook: {
      url: `http://${HOST}:${options.port}/webhooks/stripe`,
      secret: stripeWebhookSecret,
    },
  });
  const urls: StackUrls = {
    appUrl: `http://localhost:${options.port}`,
    simulatorUrl: simulator.url,
    providers: {
      openai: options.providerUrls?.openai ?? simulator.url,
      anthropic: options.providerUrls?.anthropic ?? simulator.url,
      googleOauth: options.providerUrls?.googleOauth ?? simulator.url,
      googleBilling: options.providerUrls?.googleBilling ?? simulator.url,
      googleBigquery: options.providerUrls?.googleBigquery ?? simulator.url,
      chatgpt: options.providerUrls?.chatgpt ?? simulator.url,
      cursor: options.providerUrls?.cursor ?? simulator.url,
      githubApi: options.providerUrls?.githubApi ?? simulator.url,
      githubOauth: options.providerUrls?.githubOauth ?? simulator.url,
    },
  };
  const { operatorToken } = prepareDevVars(urls, { stripeWebhookSecret });
  for (const database of DATABASES) {
    await runWrangler(
      [
        'd1',
        'migrations',
        'apply',
        database.name,
        '--local',
        '-c',
        configPath(database.service),
        '--persist-to',
        options.persistTo,
      ],
      options,
    );
  }

  const dev = spawnWrangler(devArguments(options), options);
  const stop = async () => {
    await stopChild(dev);
    await simulator.close();
  };
  try {
    await waitForHealth(`${urls.appUrl}/api/v1/health`, dev);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...urls, operatorToken, stop };
}

function devArguments(options: StackOptions): string[] {
  return [
    'dev',
    ...(options.leadConfig ? ['-c', options.leadConfig] : []),
    ...SERVICES.flatMap((service) => ['-c', configPath(service)]),
    '--ip',
    HOST,
    '--port',
    String(options.port),
    '--persist-to',
    options.persistTo,
    '--inspector-port',
    String(options.inspectorPort ?? 0),
    '--show-interactive-dev-session=false',
  ];
}

function spawnWrangler(args: string[], options: StackOptions): ChildProcess {
  const output = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  const child = spawn(WRANGLER, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: process.env.CI ?? '' },
    stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit'],
    detached: true,
  });
  if (output) {
    child.stdout?.pipe(output);
    child.stderr?.pipe(output);
  }
  return child;
}

function runWrangler(args: string[], options: StackOptions): Promise<void> {
  const child = spawnWrangler(args, options);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} exited ${code}`)),
    );
  });
}

async function waitForHealth(url: string, dev: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`wrangler dev exited with ${dev.exitCode}`);
    const healthy = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

// wrangler dev starts workerd as a child of its own; ending the process group ends both.
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
