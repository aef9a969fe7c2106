const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads a provider base URL override from the environment. https anywhere; plain http only
 * for a loopback address (a local simulator or recorder). Exits with a clear message if not.
 */
export function checkProviderUrl(variable: string): string | undefined {
  const value = process.env[variable];
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse(variable, 'is not a URL');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.origin;
  return refuse(variable, 'must be https, or http on a loopback address');
}

function refuse(variable: string, reason: string): never {
  process.stderr.write(`${variable} ${reason}.\n`);
  process.exit(2);
}
