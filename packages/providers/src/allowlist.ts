import type { SyncedProviderId } from '@stax/contracts';
import { ANTHROPIC_COST_REPORT_PATH, ANTHROPIC_MESSAGES_USAGE_PATH } from './anthropic';
import { CHATGPT_CODEX_USAGE_PATH } from './chatgpt';
import {
  BIGQUERY_QUERIES_PATH,
  BIGQUERY_QUERY_RESULTS_PATH,
  GOOGLE_BILLING_ACCOUNT_PATH,
  GOOGLE_TOKEN_PATH,
} from './google';
import { CURSOR_SPEND_PATH, CURSOR_USAGE_EVENTS_PATH } from './cursor';
import {
  GITHUB_AI_CREDIT_USAGE_PATH,
  GITHUB_OAUTH_TOKEN_PATH,
  GITHUB_SEATS_PATH,
  GITHUB_SEATS_SUMMARY_PATH,
} from './github';
import { OPENAI_COMPLETIONS_USAGE_PATH, OPENAI_COSTS_PATH } from './openai';

/**
 * The only calls Stax makes to each provider, as `METHOD /path`. A `{name}` in a path stands for
 * exactly one path segment of letters, digits and `-._~` (no `/`, no percent-encoding). The two
 * POSTs are Google's: the token exchange and a BigQuery query job, which only reads.
 */
export const OUTBOUND_ALLOWLIST: Readonly<Partial<Record<SyncedProviderId, readonly string[]>>> = {
  openai: [`GET ${OPENAI_COSTS_PATH}`, `GET ${OPENAI_COMPLETIONS_USAGE_PATH}`],
  anthropic: [`GET ${ANTHROPIC_COST_REPORT_PATH}`, `GET ${ANTHROPIC_MESSAGES_USAGE_PATH}`],
  google: [
    `POST ${GOOGLE_TOKEN_PATH}`,
    `GET ${GOOGLE_BILLING_ACCOUNT_PATH}`,
    `POST ${BIGQUERY_QUERIES_PATH}`,
    `GET ${BIGQUERY_QUERY_RESULTS_PATH}`,
  ],
  chatgpt: [`GET ${CHATGPT_CODEX_USAGE_PATH}`],
  // Cursor's reports are POSTs that only read: their filters go in a JSON body.
  cursor: [`POST ${CURSOR_USAGE_EVENTS_PATH}`, `POST ${CURSOR_SPEND_PATH}`],
  // The token exchange of the OAuth flow is on GitHub's OAuth origin, the rest on its API.
  github: [
    `GET ${GITHUB_SEATS_SUMMARY_PATH}`,
    `GET ${GITHUB_SEATS_PATH}`,
    `GET ${GITHUB_AI_CREDIT_USAGE_PATH}`,
    `POST ${GITHUB_OAUTH_TOKEN_PATH}`,
  ],
};

const SEGMENT = '[A-Za-z0-9._~-]+';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// `GET /v1/billingAccounts/{account}` → /^GET \/v1\/billingAccounts\/[A-Za-z0-9._~-]+$/
function ruleExpression(rule: string): RegExp {
  const parts = rule.split(/\{[a-zA-Z]+\}/).map(escapeRegExp);
  return new RegExp(`^${parts.join(SEGMENT)}$`);
}

const RULE_EXPRESSIONS = new Map<string, RegExp>();

function matches(rule: string, call: string): boolean {
  let expression = RULE_EXPRESSIONS.get(rule);
  if (expression === undefined) {
    expression = ruleExpression(rule);
    RULE_EXPRESSIONS.set(rule, expression);
  }
  return expression.test(call);
}

/** Whether a call may go out: only a method and path on that provider's allowlist. */
export function isAllowedOutbound(
  provider: SyncedProviderId,
  method: string,
  path: string,
): boolean {
  const rules = OUTBOUND_ALLOWLIST[provider] ?? [];
  return rules.some((rule) => matches(rule, `${method} ${path}`));
}

// IPv4 loopback is the whole 127.0.0.0/8; URL has already normalized the address.
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Whether a URL's host is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || IPV4_LOOPBACK.test(hostname);
}
