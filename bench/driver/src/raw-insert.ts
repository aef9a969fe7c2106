import { COST_ROW_COLUMNS, costRow, USAGE_ROW_COLUMNS, usageRow, type RecordSet } from './records';

/** Whose rows these are: bound once per statement in the JSON form, once per row otherwise. */
export interface RowOwner {
  workspaceId: string;
  connectionId: string;
  provider: string;
  updatedAt: string;
}

type RowValue = string | number | null;

const OWNER_COLUMNS = ['workspace_id', 'connection_id', 'provider', 'updated_at'];
/** D1 refuses a statement with more than 100 bound parameters. */
const MAX_BOUND_PARAMETERS = 100;
/** Rows per `json_each` statement: about 250 KB of JSON, well under D1's 1 MB per value. */
const JSON_ROWS_PER_STATEMENT = 1_000;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

function ownerValues(owner: RowOwner): RowValue[] {
  return [owner.workspaceId, owner.connectionId, owner.provider, owner.updatedAt];
}

// Plain INSERT with as many rows as 100 parameters hold: 5 cost rows, 6 usage rows.
function valuesStatements(
  database: D1Database,
  table: string,
  rowColumns: readonly string[],
  rows: readonly RowValue[][],
  owner: RowOwner,
): D1PreparedStatement[] {
  const columns = [...OWNER_COLUMNS, ...rowColumns];
  const rowsPerStatement = Math.floor(MAX_BOUND_PARAMETERS / columns.length);
  const placeholders = `(${columns.map(() => '?').join(',')})`;
  return chunk(rows, rowsPerStatement).map((group) => {
    const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${group
      .map(() => placeholders)
      .join(',')}`;
    const values = group.flatMap((row) => [...ownerValues(owner), ...row]);
    return database.prepare(sql).bind(...values);
  });
}

// Plain INSERT … SELECT FROM json_each(?): the owner bound once, the rows as one JSON array.
function jsonStatements(
  database: D1Database,
  table: string,
  rowColumns: readonly string[],
  rows: readonly RowValue[][],
  owner: RowOwner,
): D1PreparedStatement[] {
  const columns = [...OWNER_COLUMNS, ...rowColumns];
  const picks = rowColumns.map((_, index) => `value ->> ${index}`).join(', ');
  const sql = `INSERT INTO ${table} (${columns.join(',')}) SELECT ?, ?, ?, ?, ${picks} FROM json_each(?)`;
  return chunk(rows, JSON_ROWS_PER_STATEMENT).map((group) =>
    database.prepare(sql).bind(...ownerValues(owner), JSON.stringify(group)),
  );
}

/** The two raw ways of writing rows that the ingest benchmark takes its limit from. */
export type RawForm = 'values' | 'json';

/** Inserts every record of a set in one `batch()`: atomic, like one ingest call. */
export async function insertRaw(
  database: D1Database,
  form: RawForm,
  records: RecordSet,
  owner: RowOwner,
): Promise<void> {
  const build = form === 'values' ? valuesStatements : jsonStatements;
  const statements = [
    ...build(database, 'cost_records', COST_ROW_COLUMNS, records.costs.map(costRow), owner),
    ...build(database, 'usage_records', USAGE_ROW_COLUMNS, records.usage.map(usageRow), owner),
  ];
  await database.batch(statements);
}
