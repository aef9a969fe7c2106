import { z } from 'zod';

export const ENVIRONMENT_NAMES = ['production', 'staging'] as const;

export const DeployArgsSchema = z.strictObject({
  env: z.enum(ENVIRONMENT_NAMES),
  dryRun: z.boolean(),
});
export type DeployArgs = z.infer<typeof DeployArgsSchema>;

/** Reads `--env production|staging [--dry-run]`; anything else is refused. */
export function parseArgs(argv: readonly string[]): DeployArgs {
  let env: string | undefined;
  let dryRun = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--env') env = argv[(index += 1)];
    else if (arg?.startsWith('--env=')) env = arg.slice('--env='.length);
    else throw new Error(`unknown argument ${arg ?? ''}`);
  }
  const parsed = DeployArgsSchema.safeParse({ env, dryRun });
  if (!parsed.success)
    throw new Error('usage: npm run deploy -- --env production|staging [--dry-run]');
  return parsed.data;
}
