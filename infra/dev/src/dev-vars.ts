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

function readDevVar(service: ServiceName, name: string): string | undefined {
  const path = devVarsPath(service);
  if (!existsSync(path)) return undefined;
  const match = new RegExp(`^${name}=(\\S+)$`, 'm').exec(readFileSync(path, 'utf8'));
  return match?.[1];
}

/**
 * The local KEK: generated once into services/kms/.dev.vars and kept, so that credentials
 * stored in the local database stay readable across restarts.
 */
function ensureLocalKek(): void {
  if ((readDevVar('kms', 'KEK_V1') ?? '').length >= 40) return;
  writeDevVars('kms', { KEK_V1: randomBytes(32).toString('base64') });
}

/** Writes each Worker's local variables and secrets for this run; returns the operator token. */
export function prepareDevVars(urls: StackUrls): { operatorToken: string } {
  ensureLocalKek();
  const operatorToken = readDevVar('gateway', 'OPERATOR_TOKEN') ?? randomBytes(24).toString('hex');
  writeDevVars('gateway', {
    APP_URL: urls.appUrl,
    RESEND_BASE_URL: urls.simulatorUrl,
    RESEND_API_KEY: 're_local_development_only',
    OPERATOR_TOKEN: operatorToken,
  });
  writeDevVars('fetcher-openai', { OPENAI_BASE_URL: urls.providers.openai });
  writeDevVars('fetcher-anthropic', { ANTHROPIC_BASE_URL: urls.providers.anthropic });
  return { operatorToken };
}
