import { readTextBody, ApiError } from '@stax/http';

/** The largest import file: a CSV of the most rows one import holds, with room to spare. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Reads an uploaded CSV file: `text/csv`, UTF-8, at most 5 MB. */
export async function readCsvBody(request: Request): Promise<string> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^text\/csv\b/i.test(contentType)) {
    throw new ApiError('unsupported_media_type', {
      title: 'The file must be sent as CSV.',
      detail: 'Send the file as the request body with Content-Type: text/csv.',
    });
  }
  return readTextBody(request, MAX_IMPORT_BYTES);
}

/** Whether the caller asked only to see what would be imported (`?preview=true`). */
export function isPreview(request: Request): boolean {
  const preview = new URL(request.url).searchParams.get('preview');
  if (preview === null || preview === 'false') return false;
  if (preview === 'true') return true;
  throw new ApiError('validation_failed', {
    title: 'The field "preview" is invalid.',
    detail: 'must be true or false',
    field: 'preview',
  });
}
