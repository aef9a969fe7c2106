import { sql, type Compilable, type Expression, type RawBuilder } from 'kysely';
import type { StaxDb } from '@stax/db';

/** Whose rows an ingest call writes: bound once per statement, not once per row. */
export interface RecordOwner {
  workspaceId: string;
  connectionId: string;
  provider: string;
  updatedAt: string;
}

export type RecordTable = 'cost_records' | 'usage_records' | 'seat_counts' | 'provider_totals';

const OWNER_COLUMNS = ['workspace_id', 'connection_id', 'provider', 'updated_at'] as const;
const KEY_COLUMNS: readonly string[] = ['workspace_id', 'connection_id', 'record_key'];

function columnList(columns: readonly string[]): RawBuilder<unknown> {
  return sql.join(columns.map((column) => sql.ref(column)));
}

/**
 * One statement that upserts every row of a JSON array of rows (see `jsonRowChunks`) on the
 * record's natural key. A row that exists is replaced only when a value differs, so that
 * ingesting the same record again changes nothing, not even `updated_at`. D1 caps bound
 * parameters at 100 per statement; a JSON array passes thousands of rows in one of them.
 */
export function upsertRecordRows(
  db: StaxDb,
  table: RecordTable,
  rowColumns: readonly string[],
  owner: RecordOwner,
  rowsJson: string,
  guard: Expression<unknown>,
): Compilable {
  const columns = [...OWNER_COLUMNS, ...rowColumns];
  const replaced = columns.filter((column) => !KEY_COLUMNS.includes(column));
  const rowValues = rowColumns.map((_, index) => sql`value ->> ${sql.lit(index)}`);
  // The `WHERE` before `ON CONFLICT` is needed even when the guard is trivially true:
  // without it SQLite reads the `ON` as a join constraint of the SELECT.
  const statement = sql`INSERT INTO ${sql.table(table)} (${columnList(columns)})
    SELECT ${owner.workspaceId}, ${owner.connectionId}, ${owner.provider}, ${owner.updatedAt},
      ${sql.join(rowValues)}
    FROM json_each(${rowsJson}) WHERE ${guard}
    ON CONFLICT (${columnList(KEY_COLUMNS)}) DO UPDATE SET ${replacements(replaced)}
    WHERE ${anyValueChanged(table, replaced)}`;
  return { compile: () => statement.compile(db) };
}

function replacements(columns: readonly string[]): RawBuilder<unknown> {
  return sql.join(columns.map((column) => sql`${sql.ref(column)} = ${excluded(column)}`));
}

// `updated_at` is left out: it differs on every call and says when a value last changed.
function anyValueChanged(table: RecordTable, columns: readonly string[]): RawBuilder<unknown> {
  const compared = columns.filter((column) => column !== 'updated_at');
  const changes = compared.map(
    (column) => sql`${sql.ref(`${table}.${column}`)} IS NOT ${excluded(column)}`,
  );
  return sql.join(changes, sql` OR `);
}

function excluded(column: string): RawBuilder<unknown> {
  return sql.ref(`excluded.${column}`);
}
