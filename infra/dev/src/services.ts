import { join } from 'node:path';

/** The repository root. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * Every Worker, the gateway first: `wrangler dev` serves the first config on its port and
 * reaches the others through service bindings and queues.
 */
export const SERVICES = [
  'gateway',
  'vault',
  'kms',
  'audit',
  'aggregator',
  'fetcher-openai',
  'fetcher-anthropic',
  'fetcher-google',
  'fetcher-chatgpt',
  'fetcher-cursor',
  'fetcher-github',
] as const;

export type ServiceName = (typeof SERVICES)[number];

/** Path of a service's wrangler config. */
export function configPath(service: ServiceName): string {
  return join(REPO_ROOT, 'services', service, 'wrangler.jsonc');
}

/** The D1 databases and the service whose config declares their migrations. */
export const DATABASES = [
  { name: 'stax', service: 'gateway' },
  { name: 'stax-vault', service: 'vault' },
] as const satisfies ReadonlyArray<{ name: string; service: ServiceName }>;
