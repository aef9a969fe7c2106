import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './services';

const WEB_DIR = join(REPO_ROOT, 'services', 'gateway', 'web');
const BUILT_INDEX = join(WEB_DIR, 'dist', 'index.html');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/** Whether web/dist is older than any of the dashboard's sources (or missing). */
function dashboardIsStale(): boolean {
  if (!existsSync(BUILT_INDEX)) return true;
  const built = statSync(BUILT_INDEX).mtimeMs;
  return SOURCES.some((source) => newestChange(join(WEB_DIR, source)) > built);
}

/**
 * Builds the dashboard into services/gateway/web/dist, which the gateway serves as static
 * assets; `wrangler dev` refuses to start without it. Skipped when the build is up to date.
 */
export async function buildDashboard(log: NodeJS.WritableStream | null): Promise<void> {
  if (!dashboardIsStale()) return;
  const child = spawn('npm', ['run', 'build', '--workspace', '@stax/web'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', log ? 'pipe' : 'inherit', log ? 'pipe' : 'inherit'],
  });
  if (log) {
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  }
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the dashboard build exited with ${code}`);
}
