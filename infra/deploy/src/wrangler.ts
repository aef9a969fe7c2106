import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './workers';

const WRANGLER = join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs wrangler with the given arguments. `input` is written to its stdin and never echoed or
 * logged: it is how a secret reaches `wrangler secret put` without touching the disk.
 */
export function wrangler(args: readonly string[], input?: string): Promise<RunResult> {
  const child = spawn(WRANGLER, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs wrangler and throws, with its output, when it fails. */
export async function wranglerOrThrow(args: readonly string[], input?: string): Promise<string> {
  const result = await wrangler(args, input);
  if (result.code !== 0) {
    throw new Error(
      `wrangler ${args.slice(0, 3).join(' ')} failed:\n${result.stderr || result.stdout}`,
    );
  }
  return result.stdout;
}
