import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type ServiceName } from './services';

/** Where the local stack's services and the simulator answer. */
export interface StackUrls {
  appUrl: string;
  simulatorUrl: string;
  providers: { openai: string; anthropic: string };
}

function devVarsPath(service: ServiceName): string {
  return join(REPO_ROOT, 'services', service, '.dev.vars');
}

function writeDevVars(service: ServiceName, vars: Record<string, string>): void {
  const lines = Object.entries(vars).map(([name, value]) => `${name}=${value}`);
  const header = '# Written by `npm start`; never commit. See .dev.vars.example.';
  writeFileSync(devVarsPath(service), [header, ...lines, ''].join('\n'), { mode: 0o600 });
}

/**
 * The local KEK: generated once into services/kms/.dev.vars and kept, so that credentials
 * stored in the local database stay readable across restarts.
 */
function ensureLocalKek(): void {
  const path = devVarsPath('kms');
  if (existsSync(path) && /^KEK_V1=\S{40,}$/m.test(readFileSync(path, 'utf8'))) return;
  writeDevVars('kms', { KEK_V1: randomBytes(32).toString('base64') });
}

/** Writes each Worker's local variables and secrets for this run. */
export function prepareDevVars(urls: StackUrls): void {
  ensureLocalKek();
  writeDevVars('gateway', {
    APP_URL: urls.appUrl,
    RESEND_BASE_URL: urls.simulatorUrl,
    RESEND_API_KEY: 're_local_development_only',
  });
  writeDevVars('fetcher-openai', { OPENAI_BASE_URL: urls.providers.openai });
  writeDevVars('fetcher-anthropic', { ANTHROPIC_BASE_URL: urls.providers.anthropic });
}
