import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isPlaceholder, type Environment } from './environments';
import type { Worker, WorkerConfig } from './workers';

/** Cloudflare's limit on a Worker's compressed size on the Workers Paid plan (Queues need it). */
export const MAX_WORKER_GZIP_BYTES = 10 * 1024 * 1024;

/** A finding of the dry run: an error fails it, a warning is printed. */
export interface Finding {
  level: 'error' | 'warning';
  worker: string;
  message: string;
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, keep);
    return keep(name) ? [path] : [];
  });
}

/** The bindings the code of a Worker reads as `env.NAME`. */
export function bindingsUsed(srcDir: string): Set<string> {
  const used = new Set<string>();
  for (const file of filesUnder(srcDir, (name) => name.endsWith('.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) {
      if (match[1]) used.add(match[1]);
    }
  }
  return used;
}

/** Every binding name a config declares, secrets from .dev.vars.example included. */
export function bindingsDeclared(
  config: WorkerConfig,
  secretNames: readonly string[],
): Set<string> {
  const bound = (list?: ReadonlyArray<{ binding: string }>) => (list ?? []).map((b) => b.binding);
  return new Set([
    ...Object.keys(config.vars ?? {}),
    ...bound(config.d1_databases),
    ...bound(config.r2_buckets),
    ...bound(config.kv_namespaces),
    ...bound(config.services),
    ...bound(config.queues?.producers),
    ...(config.assets?.binding ? [config.assets.binding] : []),
    ...secretNames,
  ]);
}

/** Bindings the Worker's `Env` marks optional (`NAME?:`): its code copes with their absence. */
export function optionalBindings(envFile: string): Set<string> {
  if (!existsSync(envFile)) return new Set();
  const text = readFileSync(envFile, 'utf8');
  return new Set([...text.matchAll(/^\s*([A-Z][A-Z0-9_]*)\?:/gm)].map((match) => match[1] ?? ''));
}

/** Errors for each binding the code reads that the deployed config would not have. */
export function checkBindings(worker: Worker, deployed: WorkerConfig): Finding[] {
  const declared = bindingsDeclared(deployed, worker.secretNames);
  const optional = optionalBindings(join(worker.dir, 'src', 'env.ts'));
  return [...bindingsUsed(join(worker.dir, 'src'))]
    .filter((name) => !declared.has(name) && !optional.has(name))
    .sort()
    .map((name) => ({
      level: 'error' as const,
      worker: worker.service,
      message: `the code reads env.${name}, which its config does not declare`,
    }));
}

// Shapes of real secrets: provider keys, signing secrets, private keys, raw 256-bit keys.
const SECRET_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ['a Stripe key', /\b(?:sk|rk)_live_[A-Za-z0-9]{10,}/],
  ['a Stripe webhook secret', /\bwhsec_[A-Za-z0-9+/=_-]{20,}/],
  ['a Resend key', /\bre_[A-Za-z0-9]{8,}_[A-Za-z0-9]{8,}/],
  ['an OpenAI key', /\bsk-(?:admin|proj|svcacct)-[A-Za-z0-9_-]{20,}/],
  ['an Anthropic key', /\bsk-ant-[a-z0-9]+-[A-Za-z0-9_-]{20,}/],
  ['a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/],
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a base64 key of 32 bytes', /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/],
  ['a long hex secret', /(?<![0-9a-f-])[0-9a-f]{40,}(?![0-9a-f-])/],
];

/** Errors for any key-looking string in a config file's text. */
export function scanForSecrets(label: string, text: string): Finding[] {
  return SECRET_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([what]) => ({
    level: 'error' as const,
    worker: label,
    message: `contains what looks like ${what}; secrets go through \`wrangler secret put\``,
  }));
}

const SECRET_NAME = /(?:KEY|SECRET|TOKEN|PASSWORD|KEK)(?:_V\d+)?$/;
// A var's value that only makes sense on a developer's machine.
const LOCAL_VALUE = /localhost|127\.0\.0\.1|\.local\b|\bsim\b|_sim_|-sim-/;

/** Checks the vars a Worker would be deployed with: nothing local, nothing secret-named. */
export function checkVars(service: string, deployed: WorkerConfig): Finding[] {
  return Object.entries(deployed.vars ?? {}).flatMap(([name, value]): Finding[] => {
    if (SECRET_NAME.test(name)) {
      return [{ level: 'error', worker: service, message: `var ${name} looks like a secret` }];
    }
    if (LOCAL_VALUE.test(value)) {
      const message = `var ${name} keeps its local value ${value}; set it in environments.ts`;
      return [{ level: 'error', worker: service, message }];
    }
    if (isPlaceholder(value)) {
      return [{ level: 'warning', worker: service, message: `var ${name} is still ${value}` }];
    }
    return [];
  });
}

/** The size of a built Worker: every module in the output folder, raw and gzipped. */
export function bundleSize(outdir: string): { rawBytes: number; gzipBytes: number } {
  const modules = filesUnder(outdir, (name) => /\.(?:m?js|wasm|cjs)$/.test(name));
  const contents = modules.map((file) => readFileSync(file));
  const rawBytes = contents.reduce((sum, bytes) => sum + bytes.byteLength, 0);
  const gzipBytes = gzipSync(Buffer.concat(contents), { level: 9 }).byteLength;
  return { rawBytes, gzipBytes };
}

/** An error when a Worker is over Cloudflare's size limit. */
export function checkSize(service: string, gzipBytes: number): Finding[] {
  if (gzipBytes <= MAX_WORKER_GZIP_BYTES) return [];
  return [
    { level: 'error', worker: service, message: `${gzipBytes} bytes gzipped is over the limit` },
  ];
}

/** Secrets a Worker needs in an environment: those .dev.vars.example names, less local ones. */
export function secretsFor(worker: Worker, environment: Environment): string[] {
  return worker.secretNames.filter((name) => !environment.localOnlySecrets.includes(name));
}
