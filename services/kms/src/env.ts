import { z } from 'zod';

/** The bindings of the KMS Worker. KEK secrets are named KEK_V<version>. */
export interface Env {
  KEK_CURRENT_VERSION: string;
  KEK_MIN_VERSION: string;
  [secret: `KEK_V${number}`]: string | undefined;
}

const VersionSchema = z.coerce.number().int().positive();

/** The KEK configuration, checked: which version wraps, which still unwrap, their secrets. */
export interface KekConfig {
  currentVersion: number;
  minVersion: number;
  secrets: ReadonlyMap<number, string>;
}

/** Reads and checks the KEK configuration from the environment; throws if it is unusable. */
export function readKekConfig(env: Env): KekConfig {
  const currentVersion = VersionSchema.parse(env.KEK_CURRENT_VERSION);
  const minVersion = VersionSchema.parse(env.KEK_MIN_VERSION);
  const secrets = new Map<number, string>();
  for (const [name, value] of Object.entries(env)) {
    const match = /^KEK_V(\d+)$/.exec(name);
    if (match && typeof value === 'string' && value.length > 0)
      secrets.set(Number(match[1]), value);
  }
  if (!secrets.has(currentVersion)) throw new Error(`KEK_V${currentVersion} is not set`);
  if (minVersion > currentVersion) throw new Error('KEK_MIN_VERSION is above the current version');
  return { currentVersion, minVersion, secrets };
}
