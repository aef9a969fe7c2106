import { Kysely } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import type { StaxDatabase } from './stax.tables';
import type { VaultDatabase } from './vault.tables';

export type StaxDb = Kysely<StaxDatabase>;
export type VaultDb = Kysely<VaultDatabase>;

/** A kysely instance over D1 `stax`. */
export function createStaxDb(database: D1Database): StaxDb {
  return new Kysely<StaxDatabase>({ dialect: new D1Dialect({ database }) });
}

/** A kysely instance over D1 `stax-vault`. */
export function createVaultDb(database: D1Database): VaultDb {
  return new Kysely<VaultDatabase>({ dialect: new D1Dialect({ database }) });
}
