import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack, type RunningStack } from '@stax/dev';

const E2E_PORT = 18787;
const E2E_SIMULATOR_PORT = 18790;
const STATE_DIR = join(import.meta.dirname, '..', '..', '.wrangler', 'e2e-state');
const LOG_FILE = join(import.meta.dirname, '..', 'artifacts', 'stack.log');

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    simulatorUrl: string;
    /** Local D1, R2 and queue state of this run, for the leak scan. */
    stateDir: string;
    logFile: string;
    operatorToken: string;
  }
}

let stack: RunningStack | undefined;

/** Starts the whole system on its own ports and fresh local state, as `npm start` does. */
export async function setup(project: TestProject): Promise<void> {
  rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(join(LOG_FILE, '..'), { recursive: true });
  rmSync(LOG_FILE, { force: true });
  stack = await startStack({
    port: E2E_PORT,
    simulatorPort: E2E_SIMULATOR_PORT,
    persistTo: STATE_DIR,
    logFile: LOG_FILE,
  });
  project.provide('appUrl', stack.appUrl);
  project.provide('simulatorUrl', stack.simulatorUrl);
  project.provide('stateDir', STATE_DIR);
  project.provide('logFile', LOG_FILE);
  project.provide('operatorToken', stack.operatorToken);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
