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
