import type { IRequest } from 'itty-router';
import { ProviderIdSchema, type ProviderId } from '@stax/contracts';
import { ApiError } from '@stax/http';
import { readImportFile, summarizeImport, type ImportedFile } from '@stax/providers';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import { ingestCharges } from '../connections/aggregator-ingest';
import { requireConnectionOfKind } from '../connections/connection-of-kind';
import { json } from '../http/respond';
import { isPreview, readCsvBody } from './import-body';
import { findImportedFile, recordImportedFile, sha256Hex } from './import.store';

/**
 * POST /api/v1/connections/:id/imports[?preview=true]: reads a CSV file whole; with
 * `preview=true` answers what it would import and writes nothing, else imports every row in
 * one ingest call. The same file again changes nothing.
 */
export async function importFile(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const preview = isPreview(request);

  const row = await requireConnectionOfKind(app, principal, request.params.id, 'import');
  const provider = ProviderIdSchema.parse(row.provider);
  const text = await readCsvBody(request);
  const file = await readOrRefuse(text, provider);
  const contentSha256 = await sha256Hex(text);
  const target = { workspaceId: principal.workspaceId, connectionId: row.id, provider };
  const before = await findImportedFile(app, target.workspaceId, row.id, contentSha256);
  const answer = { ...describe(file), contentSha256, alreadyImported: before !== null };
  if (preview || before) return json({ ...answer, preview, imported: false });

  await ingestCharges(app, target, file.records);
  await recordImportedFile(app, {
    ...target,
    contentSha256,
    format: file.format.id,
    byteCount: new TextEncoder().encode(text).byteLength,
    rowCount: file.records.length,
    firstDay: answer.days.first ?? '',
    lastDay: answer.days.last ?? '',
    importedBy: `${principal.actor.type}:${principal.actor.id}`,
  });

  return json({ ...answer, preview, imported: true }, 201);
}

function describe(file: ImportedFile) {
  return {
    format: file.format.id,
    formatTitle: file.format.title,
    ...summarizeImport(file.records),
  };
}

// The first problem of the file, named by line and column; nothing has been written.
async function readOrRefuse(text: string, provider: ProviderId): Promise<ImportedFile> {
  const read = await readImportFile(text, provider);
  if (read.ok) return read.value;
  const { line, column, columnName, message } = read.problem;
  const where = column === null ? `line ${line}` : `line ${line}, column ${column}`;
  const named = columnName ? ` (${columnName})` : '';
  throw new ApiError('validation_failed', {
    title: `The file cannot be imported: ${where}${named} ${message}.`,
    detail: 'Nothing was imported. Fix the file and send it again.',
    field: 'file',
    extensions: { line, column, columnName },
  });
}
