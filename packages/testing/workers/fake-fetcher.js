// A stand-in for a fetcher Worker in gateway tests: answers checkCredential by the key's text.
// The real fetchers are tested against the provider simulator in their own suites.
import { WorkerEntrypoint } from 'cloudflare:workers';

const failure = (code, retryable) => ({ ok: false, error: { code, message: code, retryable } });

export class FetcherEntrypoint extends WorkerEntrypoint {
  async checkCredential(secret) {
    const text = typeof secret === 'string' ? secret : JSON.stringify(secret);
    if (text.includes('rejected')) return failure('rejected', false);
    if (text.includes('unreachable')) return failure('upstream_error', true);
    return { ok: true, value: null };
  }
}

export default {
  async fetch() {
    return new Response(null, { status: 404 });
  },
};
