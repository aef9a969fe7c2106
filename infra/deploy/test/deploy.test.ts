import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/args';
import { checkBindings, checkVars, scanForSecrets } from '../src/checks';
import { ENVIRONMENTS } from '../src/environments';
import { environmentConfig } from '../src/generate';
import { parseJsonc } from '../src/jsonc';
import { deploymentOrder, discoverWorkers, type Worker } from '../src/workers';

const workers = deploymentOrder(discoverWorkers());
const ids = { d1: { 'stax-staging': '11111111-2222-4333-8444-555555555555' } };
const staging = ENVIRONMENTS.staging;
const byService = (service: string) => {
  const worker = workers.find((candidate) => candidate.service === service);
  if (!worker) throw new Error(`no ${service}`);
  return worker;
};

describe('parseArgs', () => {
  it.each([
    [['--env', 'production'], { env: 'production', dryRun: false }],
    [['--env=staging', '--dry-run'], { env: 'staging', dryRun: true }],
  ])('reads %j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([[[]], [['--env', 'prod']], [['--env', 'production', '--force']]])(
    'refuses %j',
    (argv) => {
      expect(() => parseArgs(argv)).toThrow();
    },
  );
});

describe('parseJsonc', () => {
  it('drops comments and trailing commas but keeps // inside strings', () => {
    const text = '{\n  // a comment\n  "url": "http://x//y", /* block */\n  "list": [1, 2,],\n}';
    expect(parseJsonc(text)).toEqual({ url: 'http://x//y', list: [1, 2] });
  });
});

describe('deploymentOrder', () => {
  const position = (service: string) => workers.findIndex((worker) => worker.service === service);

  it('puts every Worker after the Workers it binds to, kms first and the gateway last', () => {
    expect(workers[0]?.service).toBe('kms');
    expect(workers.at(-1)?.service).toBe('gateway');
    for (const worker of workers) {
      for (const binding of worker.config.services ?? []) {
        const target = workers.findIndex((candidate) => candidate.config.name === binding.service);
        expect(target, `${worker.service} → ${binding.service}`).toBeLessThan(
          position(worker.service),
        );
      }
    }
    expect(position('audit')).toBeLessThan(position('vault'));
    expect(position('aggregator')).toBeLessThan(position('fetcher-openai'));
  });
});

describe('environmentConfig', () => {
  const gateway = environmentConfig(byService('gateway'), staging, ids);

  it('suffixes every name in staging and points bindings at the staging Workers', () => {
    expect(gateway.name).toBe('stax-gateway-staging');
    expect(gateway.d1_databases?.[0]).toMatchObject({
      database_name: 'stax-staging',
      database_id: '11111111-2222-4333-8444-555555555555',
    });
    expect(gateway.services?.map((binding) => binding.service)).toContain('stax-vault-staging');
    expect(gateway.queues?.producers?.map((producer) => producer.queue)).toContain(
      'sync-openai-staging',
    );
    const fetcher = environmentConfig(byService('fetcher-openai'), staging, ids);
    expect(fetcher.queues?.consumers?.[0]).toMatchObject({
      queue: 'sync-openai-staging',
      dead_letter_queue: 'sync-openai-dlq-staging',
    });
  });

  it('turns workers.dev and preview URLs off everywhere and routes only the gateway', () => {
    for (const worker of workers) {
      const config = environmentConfig(worker, staging, ids);
      expect(config).toMatchObject({ workers_dev: false, preview_urls: false });
      expect('routes' in config).toBe(worker.service === 'gateway');
    }
    expect(gateway.routes).toEqual([{ pattern: 'staging.stax.dev', custom_domain: true }]);
  });

  it('replaces every local var, leaving no simulator or loopback address', () => {
    const errors = workers
      .flatMap((worker) =>
        checkVars(worker.service, environmentConfig(worker, ENVIRONMENTS.production, ids)),
      )
      .filter((finding) => finding.level === 'error');
    expect(errors).toEqual([]);
    expect(gateway.vars).toMatchObject({
      APP_URL: 'https://staging.stax.dev',
      STRIPE_API_URL: 'https://api.stripe.com',
    });
  });
});

describe('scanForSecrets', () => {
  it.each([
    ['a live Stripe key', '"STRIPE_SECRET_KEY": "sk_live_51Habcdefghijklmnop"'],
    ['a webhook secret', '"S": "whsec_abcdefghijklmnopqrstuvwxyz012345"'],
    ['a KEK', '"KEK_V1": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="'],
    ['an OpenAI admin key', '"K": "sk-admin-abcdefghijklmnopqrstuvwxyz"'],
    ['a private key', '"K": "-----BEGIN PRIVATE KEY-----"'],
  ])('finds %s', (_name, text) => {
    expect(scanForSecrets('fixture', text)).toHaveLength(1);
  });

  it('finds nothing in any wrangler.jsonc of the repository', () => {
    const findings = workers.flatMap((worker) =>
      scanForSecrets(worker.service, readFileSync(worker.configPath, 'utf8')),
    );
    expect(findings).toEqual([]);
  });
});

describe('checkBindings', () => {
  it('reports a binding the code reads that no config or secret declares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stax-deploy-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'index.ts'), 'env.DB; env.API_KEY; env.MISSING; env.MAYBE;');
    writeFileSync(join(dir, 'src', 'env.ts'), 'export interface Env {\n  MAYBE?: string;\n}\n');
    const config = {
      name: 'x',
      main: 'src/index.ts',
      d1_databases: [{ binding: 'DB', database_name: 'd' }],
    };
    const worker: Worker = { service: 'x', dir, configPath: '', config, secretNames: ['API_KEY'] };

    expect(checkBindings(worker, config).map((finding) => finding.message)).toEqual([
      'the code reads env.MISSING, which its config does not declare',
    ]);
  });
});
