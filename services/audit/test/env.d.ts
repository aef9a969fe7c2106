import type { Env as AuditEnv } from '../src/env';

declare global {
  namespace Cloudflare {
    interface Env extends AuditEnv {}
  }
}
