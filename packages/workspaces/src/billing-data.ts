import type { StaxDb } from '@stax/db';

/** Which cached billing data of one workspace to delete. */
export interface BillingDataScope {
  workspaceId: string;
  /** Only this connection's records. */
  connectionId?: string;
  /** Only records whose UTC usage day is before this day (`YYYY-MM-DD`, exclusive). */
  before?: string;
}

/** How many records went, per table. */
export interface DeletedRecords {
  costRecords: number;
  usageRecords: number;
}

export interface DeleteOptions {
  /** Rows per DELETE statement: each statement stays short, whatever the table holds. */
  batchSize: number;
  /** Statements at most across both tables; the rest waits for the next call. */
  maxBatches?: number;
}

/** What a deletion did, and whether it reached the end of the scope. */
export interface DeletionOutcome extends DeletedRecords {
  complete: boolean;
  /** DELETE statements run, for a caller that shares a budget across calls. */
  statements: number;
}

type RecordTable = 'cost_records' | 'usage_records';

// The keys of up to `limit` rows in scope, deleted by primary key: D1's SQLite has no
// DELETE … LIMIT, and the tables have no rowid.
async function deleteOneBatch(
  db: StaxDb,
  table: RecordTable,
  scope: BillingDataScope,
  limit: number,
): Promise<number> {
  let keys = db
    .selectFrom(table)
    .select(['connection_id', 'record_key'])
    .where('workspace_id', '=', scope.workspaceId)
    .limit(limit);
  if (scope.connectionId !== undefined) keys = keys.where('connection_id', '=', scope.connectionId);
  if (scope.before !== undefined) keys = keys.where('usage_date', '<', scope.before);

  const result = await db
    .deleteFrom(table)
    .where('workspace_id', '=', scope.workspaceId)
    .where((eb) =>
      eb(
        eb.refTuple('connection_id', 'record_key'),
        'in',
        keys.$asTuple('connection_id', 'record_key'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes a workspace's cost and usage records in scope, in batches of `batchSize` rows, until
 * none is left or `maxBatches` statements have run. Every statement names the workspace.
 */
export async function deleteBillingData(
  db: StaxDb,
  scope: BillingDataScope,
  options: DeleteOptions,
): Promise<DeletionOutcome> {
  const deleted: DeletedRecords = { costRecords: 0, usageRecords: 0 };
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let statements = 0;
  const tables: Array<[RecordTable, keyof DeletedRecords]> = [
    ['cost_records', 'costRecords'],
    ['usage_records', 'usageRecords'],
  ];
  for (const [table, counter] of tables) {
    for (;;) {
      if (statements >= maxBatches) return { ...deleted, complete: false, statements };
      statements += 1;
      const count = await deleteOneBatch(db, table, scope, options.batchSize);
      deleted[counter] += count;
      if (count < options.batchSize) break;
    }
  }
  return { ...deleted, complete: true, statements };
}
