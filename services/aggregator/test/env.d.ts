import type { D1Migration } from 'cloudflare:test';
import type { Env as AggregatorEnv } from '../src/env';

declare global {
  namespace Cloudflare {
    interface Env extends AggregatorEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
