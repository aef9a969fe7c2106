import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack, type RunningStack } from '@stax/dev';

// Ports of their own, so that these tests and test/e2e never meet.
const BROWSER_PORT = 28787;
const BROWSER_SIMULATOR_PORT = 28790;
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const STATE_DIR = join(import.meta.dirname, '..', '..', '.wrangler', 'browser-state');
const LOG_FILE = join(ARTIFACTS, 'browser-stack.log');

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    simulatorUrl: string;
  }
}

let stack: RunningStack | undefined;

/**
 * Starts the whole system as `npm start` does, on fresh local state. STAX_BROWSER_APP_URL and
 * STAX_BROWSER_SIMULATOR_URL point the tests at a system that is already running instead.
 */
export async function setup(project: TestProject): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const appUrl = process.env.STAX_BROWSER_APP_URL;
  const simulatorUrl = process.env.STAX_BROWSER_SIMULATOR_URL;
  if (appUrl && simulatorUrl) {
    project.provide('appUrl', appUrl);
    project.provide('simulatorUrl', simulatorUrl);
    return;
  }
  rmSync(STATE_DIR, { recursive: true, force: true });
  rmSync(LOG_FILE, { force: true });
  stack = await startStack({
    port: BROWSER_PORT,
    simulatorPort: BROWSER_SIMULATOR_PORT,
    persistTo: STATE_DIR,
    logFile: LOG_FILE,
  });
  project.provide('appUrl', stack.appUrl);
  project.provide('simulatorUrl', stack.simulatorUrl);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
