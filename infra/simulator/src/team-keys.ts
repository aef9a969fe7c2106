import { KEY_MODES, parseSimulatorKey, type KeyMode } from './keys';

const CURSOR_KEY = /^key_([0-9a-f]{56})([0-9a-f]{8})$/;
const ORG_NAME = /^[a-z0-9]+$/;
const ORG_HEX_CHARS = 56;

/** The mode tag in the last 8 hex characters of a simulated Cursor key. */
const CURSOR_MODE_TAGS: Readonly<Record<string, KeyMode | null>> = {
  '00000000': null,
  '00000401': 'unauthorized',
  '00000403': 'forbidden',
  '00000500': 'error500',
  '00000429': 'ratelimited',
  '00005105': 'slow',
};

/**
 * A Cursor Admin API key the simulator accepts: `key_` + the org name in ASCII hex, zero-padded
 * to 56 characters, + an 8-character mode tag (`00000000` none, `00000401`, `00000403`,
 * `00000500`, `00000429`, `00005105` slow). `cursorSimulatorKey('acme')` is
 * `key_61636d65` + 48 zeros + `00000000`.
 */
export function cursorSimulatorKey(org: string, mode?: KeyMode): string {
  const orgHex = Buffer.from(org, 'ascii').toString('hex').padEnd(ORG_HEX_CHARS, '0');
  const tag = Object.entries(CURSOR_MODE_TAGS).find(([, tagged]) => tagged === (mode ?? null));
  return `key_${orgHex}${tag?.[0] ?? '00000000'}`;
}

/** The org and mode of a simulated Cursor key, or null when it is not one of ours. */
export function parseCursorKey(key: string): { org: string; mode: KeyMode | null } | null {
  const match = CURSOR_KEY.exec(key);
  if (!match?.[1] || !match[2]) return null;
  const org = Buffer.from(match[1].replace(/(00)+$/, ''), 'hex').toString('ascii');
  const mode = CURSOR_MODE_TAGS[match[2]];
  if (!ORG_NAME.test(org) || mode === undefined) return null;
  return { org, mode };
}

/** Prefixes of simulated GitHub tokens: pasted classic tokens and OAuth-issued ones. */
export const GITHUB_TOKEN_PREFIXES = ['ghp_sim_', 'gho_sim_'] as const;

/** A GitHub token the simulator accepts, e.g. `ghp_sim_acme` or `ghp_sim_acme-forbidden`. */
export function githubSimulatorToken(name: string, mode?: KeyMode): string {
  return `ghp_sim_${name}${mode ? `-${mode}` : ''}`;
}

/** The name and mode of a simulated GitHub token, or null when it is not one of ours. */
export function parseGitHubToken(token: string): { org: string; mode: KeyMode | null } | null {
  for (const prefix of GITHUB_TOKEN_PREFIXES) {
    const parsed = parseSimulatorKey(prefix, token);
    if (parsed) return parsed;
  }
  return null;
}

export { KEY_MODES };
