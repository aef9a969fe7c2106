import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createStaxDb } from '@stax/db';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AlertRecipientsSchema,
  alertRecipientsOf,
  deleteBillingData,
  readWorkspaceSettings,
  TimeZoneSchema,
} from '../src/index';

const testEnv = env as unknown as { DB: D1Database; STAX_MIGRATIONS: D1Migration[] };
const db = createStaxDb(testEnv.DB);
const CREATED_AT = '2026-01-01T00:00:00Z';

let serial = 0;
function nextId(prefix: string): string {
  serial += 1;
  return `${prefix}_${String(serial).padStart(20, 'a')}`;
}

async function seedWorkspace(recipients = '[]'): Promise<string> {
  const id = nextId('wsp');
  await db
    .insertInto('workspaces')
    .values({ id, name: 'Acme', created_at: CREATED_AT, alert_recipients: recipients })
    .execute();
  return id;
}

async function seedMember(workspaceId: string, email: string, role: 'owner' | 'admin' | 'viewer') {
  const userId = nextId('usr');
  await db.insertInto('users').values({ id: userId, email, created_at: CREATED_AT }).execute();
  await db
    .insertInto('memberships')
    .values({ workspace_id: workspaceId, user_id: userId, role, created_at: CREATED_AT })
    .execute();
}

async function seedRecords(workspaceId: string, connectionId: string, days: string[]) {
  for (const table of ['cost_records', 'usage_records'] as const) {
    for (const [index, day] of days.entries()) {
      const common = {
        workspace_id: workspaceId,
        connection_id: connectionId,
        record_key: `${day}/${index}`,
        provider: 'openai',
        usage_date: day,
        charge_period_start: `${day}T00:00:00Z`,
        charge_period_end: `${day}T00:00:00Z`,
        project_id: null,
        api_key_id: null,
        updated_at: CREATED_AT,
      };
      if (table === 'cost_records') {
        await db
          .insertInto(table)
          .values({
            ...common,
            charge_category: 'usage',
            billed_cost_micros: 1,
            currency: 'USD',
            service_name: 'test',
            model: null,
            charge_description: null,
            consumed_quantity: null,
            consumed_unit: null,
            source: 'reported',
          })
          .execute();
      } else {
        await db
          .insertInto(table)
          .values({
            ...common,
            model: 'gpt-5',
            input_tokens: 1,
            cached_input_tokens: 0,
            cache_write_tokens: 0,
            output_tokens: 1,
            requests: null,
          })
          .execute();
      }
    }
  }
}

async function countRecords(workspaceId: string): Promise<number> {
  const [costs, usage] = await Promise.all(
    (['cost_records', 'usage_records'] as const).map((table) =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow(),
    ),
  );
  return (costs?.count ?? 0) + (usage?.count ?? 0);
}

beforeAll(async () => {
  await applyD1Migrations(testEnv.DB, testEnv.STAX_MIGRATIONS);
});

describe('TimeZoneSchema', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Pacific/Chatham', 'Pacific/Chatham'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(TimeZoneSchema.parse(input)).toBe(canonical);
  });

  it.each(['Mars/Olympus', 'Europe/Berlin; DROP TABLE', '', '+02:00'])('refuses %j', (input) => {
    expect(TimeZoneSchema.safeParse(input).success).toBe(false);
  });
});

describe('AlertRecipientsSchema', () => {
  it('lower-cases and de-duplicates addresses', () => {
    expect(
      AlertRecipientsSchema.parse(['Ops@Example.com', 'ops@example.com', 'b@example.com']),
    ).toEqual(['ops@example.com', 'b@example.com']);
  });
});

describe('alertRecipientsOf', () => {
  it('answers the owners when the workspace names no recipients', async () => {
    const workspaceId = await seedWorkspace();
    await seedMember(workspaceId, 'zed@example.com', 'owner');
    await seedMember(workspaceId, 'amy@example.com', 'owner');
    await seedMember(workspaceId, 'viewer@example.com', 'viewer');
    expect(await alertRecipientsOf(db, workspaceId)).toEqual([
      'amy@example.com',
      'zed@example.com',
    ]);
  });

  it('answers the named recipients when there are some', async () => {
    const workspaceId = await seedWorkspace('["finance@example.com"]');
    await seedMember(workspaceId, 'owner2@example.com', 'owner');
    expect(await alertRecipientsOf(db, workspaceId)).toEqual(['finance@example.com']);
  });

  it('reads unreadable stored recipients as none', async () => {
    const workspaceId = await seedWorkspace('not json');
    expect((await readWorkspaceSettings(db, workspaceId))?.alertRecipients).toEqual([]);
  });
});

describe('deleteBillingData', () => {
  it('deletes in bounded batches and counts every record', async () => {
    const workspaceId = await seedWorkspace();
    const days = Array.from({ length: 7 }, (_, day) => `2026-03-0${day + 1}`);
    await seedRecords(workspaceId, 'con_a', days);

    const first = await deleteBillingData(db, { workspaceId }, { batchSize: 3, maxBatches: 2 });
    expect(first).toEqual({ costRecords: 6, usageRecords: 0, complete: false, statements: 2 });
    const rest = await deleteBillingData(db, { workspaceId }, { batchSize: 3 });
    expect(rest).toEqual({ costRecords: 1, usageRecords: 7, complete: true, statements: 4 });
    expect(await countRecords(workspaceId)).toBe(0);
  });

  it('keeps records of other connections, days and workspaces', async () => {
    const workspaceId = await seedWorkspace();
    const otherWorkspaceId = await seedWorkspace();
    await seedRecords(workspaceId, 'con_a', ['2026-03-01', '2026-03-02', '2026-03-03']);
    await seedRecords(workspaceId, 'con_b', ['2026-03-01']);
    await seedRecords(otherWorkspaceId, 'con_a', ['2026-03-01']);

    const outcome = await deleteBillingData(
      db,
      { workspaceId, connectionId: 'con_a', before: '2026-03-03' },
      { batchSize: 100 },
    );
    expect(outcome).toEqual({ costRecords: 2, usageRecords: 2, complete: true, statements: 2 });
    expect(await countRecords(workspaceId)).toBe(4);
    expect(await countRecords(otherWorkspaceId)).toBe(2);
  });
});
