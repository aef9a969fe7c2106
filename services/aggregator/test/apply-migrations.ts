import { env } from 'cloudflare:workers';
import { applyD1Migrations } from 'cloudflare:test';

// Runs before each test file; applying is idempotent, so a second file applies nothing.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
