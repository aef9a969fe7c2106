export { parseCsv } from './csv';
export type { CsvRecord, CsvResult, FileProblem } from './csv';
export { headerKey, IMPORT_FORMATS, importFormatsOf, importFormatsTable } from './import-formats';
export type { ImportColumn, ImportField, ImportFormat, ImportFormatId } from './import-formats';
export { MAX_IMPORT_ROWS, readImportFile } from './read-import';
export type { ImportedFile, ImportResult } from './read-import';
export { summarizeImport } from './summary';
export type { ImportSummary } from './summary';
