import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { TestEnv } from './env';

const testEnv = env as unknown as TestEnv;
await applyD1Migrations(testEnv.DB, testEnv.STAX_MIGRATIONS);
await applyD1Migrations(testEnv.VAULT_DB, testEnv.VAULT_MIGRATIONS);
