import type { Logger } from '@stax/log';
import type { StaxDb } from '@stax/db';
import type { Env } from './env';

/** What every handler gets besides the request: bindings, the request id, a logger, the db. */
export interface AppContext {
  env: Env;
  exec: ExecutionContext;
  requestId: string;
  log: Logger;
  db: StaxDb;
  now: () => Date;
}
