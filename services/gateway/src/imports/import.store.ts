import type { AppContext } from '../app-context';

/** What is kept of an imported file: never its content, only its hash and counts. */
export interface ImportedFileEntry {
  workspaceId: string;
  connectionId: string;
  contentSha256: string;
  format: string;
  byteCount: number;
  rowCount: number;
  firstDay: string;
  lastDay: string;
  importedBy: string;
}

/** When the same file was imported into the connection before, or null. */
export async function findImportedFile(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
  contentSha256: string,
): Promise<{ importedAt: string } | null> {
  const row = await app.db
    .selectFrom('import_files')
    .select('imported_at')
    .where('workspace_id', '=', workspaceId)
    .where('connection_id', '=', connectionId)
    .where('content_sha256', '=', contentSha256)
    .executeTakeFirst();
  return row ? { importedAt: row.imported_at } : null;
}

/** Records that a file was imported; importing it again later is recognised by its hash. */
export async function recordImportedFile(app: AppContext, entry: ImportedFileEntry): Promise<void> {
  await app.db
    .insertInto('import_files')
    .values({
      workspace_id: entry.workspaceId,
      connection_id: entry.connectionId,
      content_sha256: entry.contentSha256,
      format: entry.format,
      byte_count: entry.byteCount,
      row_count: entry.rowCount,
      first_day: entry.firstDay,
      last_day: entry.lastDay,
      imported_by: entry.importedBy,
      imported_at: app.now().toISOString(),
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/** SHA-256 of a file's text, as hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
