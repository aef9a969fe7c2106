import { z } from 'zod';

const MAX_SETTINGS = 16;

/**
 * The non-secret settings of a connection (which billing account, dataset or workspace to
 * read; a price per credit), as names to text. Stored as JSON in `connections.settings` and
 * carried by each sync job; every provider checks its own settings with its own schema.
 */
export const ConnectionSettingsSchema = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/), z.string().max(1024))
  .refine((settings) => Object.keys(settings).length <= MAX_SETTINGS, {
    message: `at most ${MAX_SETTINGS} settings`,
  });
export type ConnectionSettings = z.infer<typeof ConnectionSettingsSchema>;
