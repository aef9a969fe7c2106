import { env } from 'cloudflare:workers';
import { createStaxDb } from '@stax/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { upsertRecordRows } from '../src/record-upsert';

const owner = {
  workspaceId: 'wsp_aaaaaaaaaaaaaaaaaaaa',
  connectionId: 'con_aaaaaaaaaaaaaaaaaaaa',
  provider: 'openai',
  updatedAt: '2026-04-26T10:00:00.000Z',
};

describe('upsertRecordRows', () => {
  it('binds the owner once and all rows as one JSON parameter', () => {
    const rows = JSON.stringify([
      ['k1', 5],
      ['k2', 6],
    ]);
    const statement = upsertRecordRows(
      createStaxDb(env.DB),
      'usage_records',
      ['record_key', 'output_tokens'],
      owner,
      rows,
      sql<boolean>`1 = 1`,
    ).compile();

    expect(statement.parameters).toEqual([
      owner.workspaceId,
      owner.connectionId,
      owner.provider,
      owner.updatedAt,
      rows,
    ]);
    expect(statement.sql.replace(/\s+/g, ' ')).toBe(
      'INSERT INTO "usage_records" ("workspace_id", "connection_id", "provider", "updated_at", ' +
        '"record_key", "output_tokens") ' +
        'SELECT ?, ?, ?, ?, value ->> 0, value ->> 1 FROM json_each(?) WHERE 1 = 1 ' +
        'ON CONFLICT ("workspace_id", "connection_id", "record_key") DO UPDATE SET ' +
        '"provider" = "excluded"."provider", "updated_at" = "excluded"."updated_at", ' +
        '"output_tokens" = "excluded"."output_tokens" ' +
        'WHERE "usage_records"."provider" IS NOT "excluded"."provider" ' +
        'OR "usage_records"."output_tokens" IS NOT "excluded"."output_tokens"',
    );
  });
});
