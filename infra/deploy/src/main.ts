import { parseArgs } from './args';
import { deploy, buildAssets } from './deploy';
import { dryRun } from './dry-run';
import { ENVIRONMENTS } from './environments';
import { deploymentOrder, discoverWorkers } from './workers';

const args = parseArgs(process.argv.slice(2));
const environment = ENVIRONMENTS[args.env];
const workers = deploymentOrder(discoverWorkers());

try {
  if (args.dryRun) {
    const started = Date.now();
    await buildAssets(workers);
    const errors = (await dryRun(workers, environment)).filter((f) => f.level === 'error');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Dry run: ${workers.length} Workers, ${errors.length} errors, ${seconds} s\n`,
    );
    process.exitCode = errors.length > 0 ? 1 : 0;
  } else {
    await deploy(workers, environment);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
