import { join } from 'node:path';
import { REPO_ROOT } from './services';
import { startStack } from './stack';
import { checkProviderUrl } from './provider-url';

const port = Number(process.env.STAX_PORT ?? 8787);
const simulatorPort = Number(process.env.STAX_SIM_PORT ?? 8790);

const stack = await startStack({
  port,
  simulatorPort,
  persistTo: join(REPO_ROOT, '.wrangler', 'state'),
  providerUrls: {
    openai: checkProviderUrl('STAX_OPENAI_BASE_URL'),
    anthropic: checkProviderUrl('STAX_ANTHROPIC_BASE_URL'),
    googleOauth: checkProviderUrl('STAX_GOOGLE_OAUTH_URL'),
    googleBilling: checkProviderUrl('STAX_GOOGLE_BILLING_URL'),
    googleBigquery: checkProviderUrl('STAX_GOOGLE_BIGQUERY_URL'),
    chatgpt: checkProviderUrl('STAX_CHATGPT_BASE_URL'),
    cursor: checkProviderUrl('STAX_CURSOR_BASE_URL'),
    githubApi: checkProviderUrl('STAX_GITHUB_API_URL'),
    githubOauth: checkProviderUrl('STAX_GITHUB_OAUTH_URL'),
  },
  inspectorPort: 9229,
});

process.stdout.write(
  [
    '',
    `  Stax is running:     ${stack.appUrl}`,
    `  Sign in:             POST ${stack.appUrl}/api/v1/auth/login {"email": "you@example.com"}`,
    `  Simulator mailbox:   ${stack.simulatorUrl}/_sim/emails`,
    `  Provider simulator:  ${stack.simulatorUrl}  (keys: sk-admin-sim-acme, sk-ant-admin01-sim-acme)`,
    `  OpenAI API:          ${stack.providers.openai}`,
    `  Anthropic API:       ${stack.providers.anthropic}`,
    `  Google token/BigQuery: ${stack.providers.googleOauth} ${stack.providers.googleBigquery}`,
    `  ChatGPT API:         ${stack.providers.chatgpt}`,
    `  Cursor API:          ${stack.providers.cursor}`,
    `  GitHub API / OAuth:  ${stack.providers.githubApi} / ${stack.providers.githubOauth}`,
    `  Operator token:      services/gateway/.dev.vars (for ${stack.appUrl}/internal/audit)`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

const shutdown = () => {
  void stack.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
