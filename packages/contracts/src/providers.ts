import { z } from 'zod';

/** Every provider of the matrix. */
export const PROVIDER_IDS = [
  'openai',
  'anthropic',
  'cursor',
  'github',
  'chatgpt',
  'perplexity',
  'google',
  'mistral',
] as const;
export const ProviderIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

/** Providers that have a fetcher Worker today. */
export const SYNCED_PROVIDER_IDS = [
  'openai',
  'anthropic',
  'cursor',
  'github',
  'google',
  'chatgpt',
] as const;
export const SyncedProviderIdSchema = z.enum(SYNCED_PROVIDER_IDS);
export type SyncedProviderId = z.infer<typeof SyncedProviderIdSchema>;

export const CONNECTION_KINDS = ['api', 'import', 'subscription'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const CONNECTION_STATUSES = ['syncing', 'ok', 'needs_attention', 'error'] as const;
export const ConnectionStatusSchema = z.enum(CONNECTION_STATUSES);
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;
