import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const WRANGLER = join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');
const GATEWAY_CONFIG = join(REPO_ROOT, 'services', 'gateway', 'wrangler.jsonc');
const MAX_ATTEMPTS = 5;
const RETRY_PAUSE_MS = 1_000;

/**
 * Runs SQL on the running stack's local D1 `stax` through `wrangler d1 execute`: the test's own
 * view of the tables (sync runs, record counts, alerts) that the API does not show.
 */
export async function queryLocalD1<Row>(stateDir: string, sql: string): Promise<Row[]> {
  // A second process on the same SQLite files now and then meets a busy database: try again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await executeOnce<Row>(stateDir, sql);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

async function executeOnce<Row>(stateDir: string, sql: string): Promise<Row[]> {
  const args = ['d1', 'execute', 'stax', '--local', '-c', GATEWAY_CONFIG];
  const child = spawn(WRANGLER, [...args, '--persist-to', stateDir, '--json', '--command', sql], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`wrangler d1 execute exited ${code}: ${output}`);
  const parsed = JSON.parse(output) as Array<{ results: Row[] }>;
  return parsed.flatMap((statement) => statement.results);
}
