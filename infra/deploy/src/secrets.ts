import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { secretsFor } from './checks';
import type { Environment } from './environments';
import { askSecret } from './prompt';
import { wrangler, wranglerOrThrow } from './wrangler';
import type { Worker } from './workers';

const SecretListSchema = z.array(z.object({ name: z.string() }));

async function existingSecrets(configPath: string): Promise<Set<string>> {
  const listed = await wrangler(['secret', 'list', '--format', 'json', '-c', configPath]);
  if (listed.code !== 0) return new Set();
  return new Set(SecretListSchema.parse(JSON.parse(listed.stdout)).map((secret) => secret.name));
}

// A KEK is 32 random bytes; it is made here only when the KMS has none at all, so an existing
// key is never replaced (that would make every stored credential unreadable).
function isFirstKek(name: string, existing: Set<string>): boolean {
  return /^KEK_V\d+$/.test(name) && ![...existing].some((secret) => /^KEK_V\d+$/.test(secret));
}

/**
 * Sets the secrets a Worker is missing: a first KEK is generated, every other value is asked
 * for on the terminal. Values go to `wrangler secret bulk` on stdin, never to disk or output.
 */
export async function ensureSecrets(
  worker: Worker,
  environment: Environment,
  configPath: string,
): Promise<string[]> {
  const existing = await existingSecrets(configPath);
  const missing = secretsFor(worker, environment).filter((name) => !existing.has(name));
  if (missing.length === 0) return [];
  const values: Record<string, string> = {};
  for (const name of missing) {
    values[name] = isFirstKek(name, existing)
      ? randomBytes(32).toString('base64')
      : await askSecret(`${worker.config.name}${environment.suffix} needs ${name}`);
  }
  await wranglerOrThrow(['secret', 'bulk', '-c', configPath], JSON.stringify(values));
  return missing;
}
