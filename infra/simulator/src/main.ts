import { startSimulator } from './server';

const DEFAULT_PORT = 8790;

function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`STAX_SIM_PORT must be a port number, got ${JSON.stringify(raw)}`);
  }
  return port;
}

const simulator = await startSimulator({ port: portFromEnv(process.env.STAX_SIM_PORT) });
process.stdout.write(`stax simulator listening on ${simulator.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().finally(() => process.exit(0));
  });
}
