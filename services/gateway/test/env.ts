import type { D1Migration } from 'cloudflare:test';
import type { Env } from '../src/env';

/** The gateway's bindings plus what the test config adds. */
export interface TestEnv extends Env {
  STAX_MIGRATIONS: D1Migration[];
  VAULT_MIGRATIONS: D1Migration[];
  VAULT_DB: D1Database;
}
