import type { CostRecord, ProviderId } from '@stax/contracts';
import { PROVIDER_NAMES } from '../matrix';
import {
  nextDayStart,
  readCategory,
  readCurrency,
  readInstant,
  readMoney,
  readQuantity,
  readText,
  type CellResult,
} from './cells';
import { parseCsv, type CsvRecord, type FileProblem } from './csv';
import { headerKey, importFormatsOf, type ImportField, type ImportFormat } from './import-formats';

/** Rows one import may hold: what one ingest call carries, so a file lands all or nothing. */
export const MAX_IMPORT_ROWS = 5_000;

/** A file read and normalized: every row a cost record with its natural key. */
export interface ImportedFile {
  format: ImportFormat;
  records: CostRecord[];
}

export type ImportResult = { ok: true; value: ImportedFile } | { ok: false; problem: FileProblem };

interface Cell {
  text: string;
  column: number;
  header: string;
}

type RowCells = Partial<Record<ImportField, Cell>>;
type Charge = Omit<CostRecord, 'recordKey'>;
type RowResult =
  { ok: true; charge: Charge; identity: string } | { ok: false; problem: FileProblem };

/**
 * Reads an import file of a provider: CSV, in FOCUS or the provider's own format (chosen by
 * the header). Every row is checked before any is returned, so a file is imported whole or
 * not at all; the first problem names its line and column.
 */
export async function readImportFile(text: string, provider: ProviderId): Promise<ImportResult> {
  const csv = parseCsv(text);
  if (!csv.ok) return csv;
  const [header, ...rows] = csv.records;
  if (!header) return failure(1, null, null, 'the file is empty');
  if (rows.length > MAX_IMPORT_ROWS) {
    const line = rows[MAX_IMPORT_ROWS]?.line ?? 1;
    return failure(line, null, null, `a file may hold at most ${MAX_IMPORT_ROWS} rows; split it`);
  }
  const chosen = chooseFormat(header, provider);
  if (!chosen.ok) return chosen;

  const records: CostRecord[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const read = readRow(row, header, chosen.format, chosen.columns, provider);
    if (!read.ok) return read;
    const occurrence = seen.get(read.identity) ?? 0;
    seen.set(read.identity, occurrence + 1);
    records.push({ recordKey: await recordKey(read.identity, occurrence), ...read.charge });
  }
  return { ok: true, value: { format: chosen.format, records } };
}

type Chosen =
  | { ok: true; format: ImportFormat; columns: Map<ImportField, number> }
  | { ok: false; problem: FileProblem };

// The first format whose required columns are all there; else the one missing the fewest.
function chooseFormat(header: CsvRecord, provider: ProviderId): Chosen {
  const keys = header.fields.map((field) => headerKey(field.trim()));
  let closest: { format: ImportFormat; missing: string[] } | null = null;
  for (const format of importFormatsOf(provider)) {
    const missing = format.columns
      .filter((column) => column.required && !keys.includes(headerKey(column.header)))
      .map((column) => column.header);
    if (missing.length === 0) return matchColumns(format, keys, header.line);
    if (!closest || missing.length < closest.missing.length) closest = { format, missing };
  }
  const name = closest?.missing[0] ?? '';
  const title = closest?.format.title ?? 'FOCUS';
  return failure(header.line, null, name, `the column "${name}" is missing (${title})`);
}

function matchColumns(format: ImportFormat, keys: string[], line: number): Chosen {
  const columns = new Map<ImportField, number>();
  for (const column of format.columns) {
    const index = keys.indexOf(headerKey(column.header));
    if (index === -1) continue;
    if (keys.indexOf(headerKey(column.header), index + 1) !== -1) {
      return failure(line, index + 1, column.header, `the column "${column.header}" appears twice`);
    }
    columns.set(column.field, index);
  }
  return { ok: true, format, columns };
}

function readRow(
  row: CsvRecord,
  header: CsvRecord,
  format: ImportFormat,
  columns: Map<ImportField, number>,
  provider: ProviderId,
): RowResult {
  if (row.fields.length !== header.fields.length) {
    const column = Math.min(row.fields.length, header.fields.length) + 1;
    const message = `the row has ${row.fields.length} columns; the header has ${header.fields.length}`;
    return failure(row.line, column, null, message);
  }
  const cells: RowCells = {};
  for (const [field, index] of columns) {
    const text = (row.fields[index] ?? '').trim();
    if (text !== '') cells[field] = { text, column: index + 1, header: header.fields[index] ?? '' };
  }
  const missing = format.columns.find((column) => column.required && !cells[column.field]);
  if (missing) {
    const index = columns.get(missing.field) ?? 0;
    return failure(row.line, index + 1, missing.header, 'is empty');
  }
  return normalizeRow(row.line, cells, format, provider);
}

function normalizeRow(line: number, cells: RowCells, format: ImportFormat, provider: ProviderId) {
  const at = new CellReader(line, cells);
  const start = at.read('chargePeriodStart', readInstant) ?? at.read('day', readInstant);
  const end = at.read('chargePeriodEnd', readInstant) ?? (start ? nextDayStart(start) : null);
  const billedCostMicros = at.read('billedCost', readMoney);
  const currency = at.read('currency', readCurrency) ?? format.defaultCurrency;
  const quantity = at.read('consumedQuantity', readQuantity);
  const charge = {
    chargePeriodStart: start ?? '',
    chargePeriodEnd: end ?? '',
    chargeCategory: at.read('chargeCategory', readCategory) ?? format.defaultCategory,
    billedCostMicros: billedCostMicros ?? 0,
    currency: currency ?? '',
    serviceName: at.read('serviceName', readText) ?? PROVIDER_NAMES[provider],
    model: at.read('model', readText),
    chargeDescription: at.read('chargeDescription', readText),
    projectId: at.read('resourceId', readText) ?? at.read('subAccountId', readText),
    apiKeyId: null,
    consumedQuantity: quantity,
    consumedUnit:
      at.read('consumedUnit', readText) ?? (quantity === null ? null : format.defaultUnit),
    source: format.source,
  } satisfies Charge;
  if (at.problem) return { ok: false as const, problem: at.problem };
  if (charge.chargePeriodEnd <= charge.chargePeriodStart) {
    const cell = cells.chargePeriodEnd;
    return failure(
      line,
      cell?.column ?? null,
      cell?.header ?? null,
      'must be after the period start',
    );
  }
  return { ok: true as const, charge, identity: identityOf(provider, format, charge, cells) };
}

/** Reads cells one by one and keeps the first problem. */
class CellReader {
  problem: FileProblem | null = null;

  constructor(
    private readonly line: number,
    private readonly cells: RowCells,
  ) {}

  read<T>(field: ImportField, reader: (text: string) => CellResult<T>): T | null {
    const cell = this.cells[field];
    if (!cell) return null;
    const result = reader(cell.text);
    if (result.ok) return result.value;
    this.problem ??= {
      line: this.line,
      column: cell.column,
      columnName: cell.header,
      message: result.message,
    };
    return null;
  }
}

// What makes a row the same row when a file is imported again, or when a later export
// overlaps an earlier one: everything but the numbers, so a revised amount replaces.
function identityOf(provider: ProviderId, format: ImportFormat, charge: Charge, cells: RowCells) {
  return [
    provider,
    format.id,
    charge.chargePeriodStart,
    charge.chargePeriodEnd,
    charge.chargeCategory,
    charge.serviceName,
    charge.model,
    charge.chargeDescription,
    cells.skuId?.text,
    cells.resourceId?.text,
    cells.subAccountId?.text,
    charge.currency,
    charge.consumedUnit,
  ]
    .map((part) => part ?? '')
    .join('\u001f');
}

// Rows alike in every identity column are told apart by their order among themselves.
async function recordKey(identity: string, occurrence: number): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(identity));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
  return `import|${hex.join('')}|${occurrence}`;
}

function failure(
  line: number,
  column: number | null,
  columnName: string | null,
  message: string,
): { ok: false; problem: FileProblem } {
  return { ok: false, problem: { line, column, columnName, message } };
}
