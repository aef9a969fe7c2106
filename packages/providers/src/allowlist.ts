import type { SyncedProviderId } from '@stax/contracts';
import { ANTHROPIC_COST_REPORT_PATH, ANTHROPIC_MESSAGES_USAGE_PATH } from './anthropic';
import { OPENAI_COMPLETIONS_USAGE_PATH, OPENAI_COSTS_PATH } from './openai';

/** The only calls Stax makes to each provider: reads of billing reports, by exact path. */
export const OUTBOUND_ALLOWLIST: Readonly<Record<SyncedProviderId, readonly string[]>> = {
  openai: [OPENAI_COSTS_PATH, OPENAI_COMPLETIONS_USAGE_PATH],
  anthropic: [ANTHROPIC_COST_REPORT_PATH, ANTHROPIC_MESSAGES_USAGE_PATH],
};

/** Whether a call may go out: only GET, only an allowlisted path of that provider. */
export function isAllowedOutbound(
  provider: SyncedProviderId,
  method: string,
  path: string,
): boolean {
  return method === 'GET' && OUTBOUND_ALLOWLIST[provider].includes(path);
}

// IPv4 loopback is the whole 127.0.0.0/8; URL has already normalized the address.
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Whether a URL's host is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || IPV4_LOOPBACK.test(hostname);
}
