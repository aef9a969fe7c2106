import type { VaultDb } from '@stax/db';

/** A stored credential as the vault reads it: the envelope is opaque bytes here. */
export interface CredentialRow {
  workspaceId: string;
  connectionId: string;
  provider: string;
  envelope: Uint8Array;
  kekVersion: number;
  createdAt: string;
  rotatedAt: string | null;
}

/** Where a credential's envelope may move to; `expected` guards against a concurrent change. */
export interface EnvelopeChange {
  envelope: Uint8Array;
  kekVersion: number;
  rotatedAt: string | null;
}

/** A position in a scan of the table, by primary key. */
export interface RowCursor {
  workspaceId: string;
  connectionId: string;
}

interface RawRow {
  workspace_id: string;
  connection_id: string;
  provider: string;
  envelope: unknown;
  kek_version: number;
  created_at: string;
  rotated_at: string | null;
}

/** The `credentials` table. Every query names the workspace, except the operator's scan. */
export class CredentialRows {
  constructor(private readonly db: VaultDb) {}

  async find(workspaceId: string, connectionId: string): Promise<CredentialRow | null> {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    return row ? fromRaw(row) : null;
  }

  /** Inserts a new row; false when the connection already has a credential. */
  async insert(row: CredentialRow): Promise<boolean> {
    const result = await this.db
      .insertInto('credentials')
      .values({
        workspace_id: row.workspaceId,
        connection_id: row.connectionId,
        provider: row.provider,
        envelope: row.envelope,
        kek_version: row.kekVersion,
        created_at: row.createdAt,
        rotated_at: row.rotatedAt,
      })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** Replaces the envelope of a row in place; false when no such row (or it changed). */
  async replaceEnvelope(
    ref: RowCursor & { provider: string },
    change: EnvelopeChange,
    expected?: Uint8Array,
  ): Promise<boolean> {
    let query = this.db
      .updateTable('credentials')
      .set({
        envelope: change.envelope,
        kek_version: change.kekVersion,
        rotated_at: change.rotatedAt,
      })
      .where('workspace_id', '=', ref.workspaceId)
      .where('connection_id', '=', ref.connectionId)
      .where('provider', '=', ref.provider);
    if (expected !== undefined) query = query.where('envelope', '=', expected);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Deletes a row; with `expected`, only while it still holds that envelope. */
  async delete(workspaceId: string, connectionId: string, expected?: Uint8Array): Promise<boolean> {
    let query = this.db
      .deleteFrom('credentials')
      .where('workspace_id', '=', workspaceId)
      .where('connection_id', '=', connectionId);
    if (expected !== undefined) query = query.where('envelope', '=', expected);
    const result = await query.executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** A page of rows whose data key is wrapped under a KEK older than `version`. */
  async wrappedBelow(
    version: number,
    after: RowCursor | null,
    limit: number,
  ): Promise<CredentialRow[]> {
    let query = this.db
      .selectFrom('credentials')
      .selectAll()
      .where('kek_version', '<', version)
      .orderBy('workspace_id')
      .orderBy('connection_id')
      .limit(limit);
    if (after !== null) {
      query = query.where((eb) =>
        eb.or([
          eb('workspace_id', '>', after.workspaceId),
          eb.and([
            eb('workspace_id', '=', after.workspaceId),
            eb('connection_id', '>', after.connectionId),
          ]),
        ]),
      );
    }
    return (await query.execute()).map(fromRaw);
  }
}

function fromRaw(row: RawRow): CredentialRow {
  return {
    workspaceId: row.workspace_id,
    connectionId: row.connection_id,
    provider: row.provider,
    envelope: blobBytes(row.envelope),
    kekVersion: row.kek_version,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
  };
}

// D1 hands BLOBs back as arrays of numbers. Anything that is not bytes becomes an empty
// envelope, which fails to decode: a damaged row fails closed instead of throwing.
function blobBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (Array.isArray(value) && value.every(isByte)) return Uint8Array.from(value);
  return new Uint8Array(0);
}

function isByte(value: unknown): value is number {
  return Number.isInteger(value) && Number(value) >= 0 && Number(value) <= 255;
}
