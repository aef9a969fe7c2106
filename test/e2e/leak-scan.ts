import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below a folder. */
function filesBelow(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * Where any of the secrets appears as bytes: in the local D1 databases (both), R2 objects,
 * queue state, or the log of every Worker. Returns `file: secret` lines; empty when clean.
 */
export function findLeaks(paths: string[], secrets: string[]): string[] {
  const files = paths.flatMap((path) => (statSync(path).isDirectory() ? filesBelow(path) : [path]));
  const leaks: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of secrets) {
      if (bytes.includes(Buffer.from(secret, 'utf8')))
        leaks.push(`${file}: ${secret.slice(0, 12)}…`);
    }
  }
  return leaks;
}
