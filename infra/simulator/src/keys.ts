import { createHash } from 'node:crypto';

/** Behaviours a simulator key can ask for with a `-<mode>` suffix. */
export const KEY_MODES = ['unauthorized', 'forbidden', 'error500', 'ratelimited', 'slow'] as const;
export type KeyMode = (typeof KEY_MODES)[number];

/** Every response to a `slow` key waits this long. */
export const SLOW_MODE_DELAY_MS = 1500;

export const OPENAI_KEY_PREFIX = 'sk-admin-sim-';
export const ANTHROPIC_KEY_PREFIX = 'sk-ant-admin01-sim-';

const ORG_AND_MODE = new RegExp(`^([a-z0-9]+)(?:-(${KEY_MODES.join('|')}))?$`);
const FINGERPRINT_HEX_CHARS = 12;

/** The org and mode a simulator key names, or null when the key is not one of ours. */
export function parseSimulatorKey(
  prefix: string,
  key: string,
): { org: string; mode: KeyMode | null } | null {
  if (!key.startsWith(prefix)) return null;
  const match = ORG_AND_MODE.exec(key.slice(prefix.length));
  if (!match?.[1]) return null;
  const mode = KEY_MODES.find((candidate) => candidate === match[2]) ?? null;
  return { org: match[1], mode };
}

/** An OpenAI admin key the simulator accepts, e.g. `sk-admin-sim-acme-ratelimited`. */
export function openaiSimulatorKey(org: string, mode?: KeyMode): string {
  return `${OPENAI_KEY_PREFIX}${org}${mode ? `-${mode}` : ''}`;
}

/** An Anthropic admin key the simulator accepts, e.g. `sk-ant-admin01-sim-acme-slow`. */
export function anthropicSimulatorKey(org: string, mode?: KeyMode): string {
  return `${ANTHROPIC_KEY_PREFIX}${org}${mode ? `-${mode}` : ''}`;
}

/** First 12 hex characters of SHA-256: enough to tell keys apart, useless to an attacker. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, FINGERPRINT_HEX_CHARS);
}
