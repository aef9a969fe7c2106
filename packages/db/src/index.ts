export { createStaxDb, createVaultDb } from './connect';
export type { StaxDb, VaultDb } from './connect';
export type * from './stax.tables';
export type * from './vault.tables';
export { compileBatch } from './batch';
