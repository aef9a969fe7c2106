import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { newId, type IngestBatch } from '@stax/contracts';
import { describe, expect, it } from 'vitest';
import { AggregatorEntrypoint } from '../src/index';
import { ingestRecords } from '../src/ingest';
import {
  costRecord,
  db,
  ingestBatch,
  readCosts,
  readRuns,
  readUsage,
  seedConnection,
  usageRecord,
  type ConnectionRef,
} from './fixtures';

const NOW = new Date('2026-04-26T10:00:00.000Z');
const LATER = new Date('2026-04-26T11:00:00.000Z');

function aggregator(): AggregatorEntrypoint {
  return new AggregatorEntrypoint(createExecutionContext(), env);
}

async function storedRowCounts(ref: ConnectionRef) {
  return {
    costs: (await readCosts(ref)).length,
    usage: (await readUsage(ref)).length,
    runs: (await readRuns(ref)).length,
  };
}

describe('AggregatorEntrypoint.ingest', () => {
  it('stores every column of a cost and a usage record, money to the micro-unit', async () => {
    const ref = await seedConnection();
    const batch = ingestBatch(ref, {
      costs: [costRecord({ billedCostMicros: 9_007_199_254_740_991 })],
    });

    expect(await ingestRecords(env.DB, batch, NOW)).toEqual({
      ok: true,
      value: { costs: 1, usage: 1 },
    });

    expect(await readCosts(ref)).toEqual([
      {
        workspace_id: ref.workspaceId,
        connection_id: ref.connectionId,
        record_key: 'cost|2026-04-20|gpt-4.1',
        provider: 'openai',
        usage_date: '2026-04-20',
        charge_period_start: '2026-04-20T00:00:00Z',
        charge_period_end: '2026-04-21T00:00:00Z',
        charge_category: 'usage',
        billed_cost_micros: 9_007_199_254_740_991,
        currency: 'USD',
        service_name: 'OpenAI API',
        model: 'gpt-4.1',
        charge_description: 'gpt-4.1 input tokens',
        project_id: 'proj_abc',
        api_key_id: null,
        consumed_quantity: 1500.5,
        consumed_unit: 'tokens',
        source: 'reported',
        updated_at: '2026-04-26T10:00:00.000Z',
      },
    ]);
    expect(await readUsage(ref)).toEqual([
      {
        workspace_id: ref.workspaceId,
        connection_id: ref.connectionId,
        record_key: 'usage|2026-04-20|gpt-4.1',
        provider: 'openai',
        usage_date: '2026-04-20',
        charge_period_start: '2026-04-20T00:00:00Z',
        charge_period_end: '2026-04-21T00:00:00Z',
        model: 'gpt-4.1',
        project_id: 'proj_abc',
        api_key_id: 'key_1',
        input_tokens: 1_000_000,
        cached_input_tokens: 250_000,
        cache_write_tokens: 0,
        output_tokens: 42_000,
        requests: 310,
        updated_at: '2026-04-26T10:00:00.000Z',
      },
    ]);
  });

  it.each([
    ['a credit', -2_500_000],
    ['zero', 0],
    ['one micro-unit', 1],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER],
    ['the smallest safe integer', Number.MIN_SAFE_INTEGER],
  ])('stores %s exactly as an integer', async (_name, billedCostMicros) => {
    const ref = await seedConnection();
    await aggregator().ingest(ingestBatch(ref, { costs: [costRecord({ billedCostMicros })] }));

    const stored = await db
      .selectFrom('cost_records')
      .select((eb) => [
        'billed_cost_micros',
        eb.fn<string>('typeof', ['billed_cost_micros']).as('type'),
      ])
      .where('workspace_id', '=', ref.workspaceId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ billed_cost_micros: billedCostMicros, type: 'integer' });
  });

  it.each([
    ['midnight', '2026-03-01T00:00:00Z', '2026-03-01'],
    ['the last second of a day', '2026-03-01T23:59:59Z', '2026-03-01'],
    ['fractional seconds', '2026-02-28T23:59:59.999Z', '2026-02-28'],
  ])('dates a record starting at %s by its UTC day', async (_name, start, day) => {
    const ref = await seedConnection();
    const batch = ingestBatch(ref, {
      costs: [costRecord({ chargePeriodStart: start })],
      usage: [usageRecord({ chargePeriodStart: start })],
    });
    await aggregator().ingest(batch);

    expect((await readCosts(ref)).map((row) => row.usage_date)).toEqual([day]);
    expect((await readUsage(ref)).map((row) => row.usage_date)).toEqual([day]);
  });

  it('leaves identical rows and counts when the same batch arrives twice', async () => {
    const ref = await seedConnection();
    const batch = ingestBatch(ref, {
      costs: [costRecord({ recordKey: 'a' }), costRecord({ recordKey: 'b' })],
      usage: [usageRecord({ recordKey: 'c' })],
    });
    await ingestRecords(env.DB, batch, NOW);
    const firstCosts = await readCosts(ref);
    const firstUsage = await readUsage(ref);

    expect(await ingestRecords(env.DB, batch, LATER)).toEqual({
      ok: true,
      value: { costs: 2, usage: 1 },
    });
    expect(await readCosts(ref)).toEqual(firstCosts);
    expect(await readUsage(ref)).toEqual(firstUsage);
    expect(firstCosts.map((row) => row.updated_at)).toEqual([NOW.toISOString(), NOW.toISOString()]);
  });

  it('replaces the values of a record the provider revised, without adding', async () => {
    const ref = await seedConnection();
    await ingestRecords(env.DB, ingestBatch(ref, { costs: [costRecord()], usage: [] }), NOW);

    const revised = costRecord({
      billedCostMicros: 13_000_001,
      model: null,
      consumedQuantity: null,
    });
    await ingestRecords(env.DB, ingestBatch(ref, { costs: [revised], usage: [] }), LATER);

    const rows = await readCosts(ref);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      billed_cost_micros: 13_000_001,
      model: null,
      consumed_quantity: null,
      updated_at: LATER.toISOString(),
    });
  });

  it('replaces a revised usage record the same way', async () => {
    const ref = await seedConnection();
    await ingestRecords(env.DB, ingestBatch(ref, { costs: [] }), NOW);
    await ingestRecords(
      env.DB,
      ingestBatch(ref, {
        costs: [],
        usage: [usageRecord({ outputTokens: 50_000, requests: null })],
      }),
      LATER,
    );

    const rows = await readUsage(ref);
    expect(rows.map((row) => [row.output_tokens, row.requests, row.input_tokens])).toEqual([
      [50_000, null, 1_000_000],
    ]);
  });

  it('keeps the last of two records with the same key in one batch', async () => {
    const ref = await seedConnection();
    const costs = [costRecord({ billedCostMicros: 1 }), costRecord({ billedCostMicros: 2 })];
    expect(await aggregator().ingest(ingestBatch(ref, { costs, usage: [] }))).toEqual({
      ok: true,
      value: { costs: 2, usage: 0 },
    });

    expect((await readCosts(ref)).map((row) => row.billed_cost_micros)).toEqual([2]);
  });

  it('counts each call as a page of its sync run', async () => {
    const ref = await seedConnection();
    const jobId = newId('job');
    await ingestRecords(env.DB, ingestBatch(ref, { jobId }), NOW);
    await ingestRecords(env.DB, ingestBatch(ref, { jobId, costs: [], usage: [] }), NOW);
    await ingestRecords(
      env.DB,
      ingestBatch(ref, { jobId, costs: [costRecord({ recordKey: 'x' })], usage: [] }),
      LATER,
    );

    expect(await readRuns(ref)).toEqual([
      {
        job_id: jobId,
        workspace_id: ref.workspaceId,
        connection_id: ref.connectionId,
        status: 'started',
        pages: 3,
        records: 3,
        error: null,
        started_at: NOW.toISOString(),
        finished_at: null,
      },
    ]);
  });

  it('writes thousands of records split over several statements in one call', async () => {
    const ref = await seedConnection();
    const description = 'd'.repeat(200);
    const costs = Array.from({ length: 5_000 }, (_, index) =>
      costRecord({
        recordKey: `cost-${index}`,
        billedCostMicros: index,
        chargeDescription: description,
      }),
    );
    const usage = Array.from({ length: 5_000 }, (_, index) =>
      usageRecord({ recordKey: `usage-${index}`, outputTokens: index }),
    );

    expect(await aggregator().ingest(ingestBatch(ref, { costs, usage }))).toEqual({
      ok: true,
      value: { costs: 5_000, usage: 5_000 },
    });
    const sums = await db
      .selectFrom('cost_records')
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        eb.fn.sum<number>('billed_cost_micros').as('micros'),
      ])
      .where('workspace_id', '=', ref.workspaceId)
      .executeTakeFirstOrThrow();
    expect(sums).toEqual({ rows: 5_000, micros: 12_497_500 });
    expect(await storedRowCounts(ref)).toEqual({ costs: 5_000, usage: 5_000, runs: 1 });
  });

  it('never touches the rows of another workspace that use the same record keys', async () => {
    const victim = await seedConnection();
    await ingestRecords(env.DB, ingestBatch(victim), NOW);
    const victimCosts = await readCosts(victim);
    const victimUsage = await readUsage(victim);

    const other = await seedConnection();
    const revised = ingestBatch(other, {
      costs: [costRecord({ billedCostMicros: 1 })],
      usage: [usageRecord({ inputTokens: 1 })],
    });
    await ingestRecords(env.DB, revised, LATER);

    expect(await readCosts(victim)).toEqual(victimCosts);
    expect(await readUsage(victim)).toEqual(victimUsage);
    expect((await readCosts(other)).map((row) => row.billed_cost_micros)).toEqual([1]);
  });

  it.each<[string, (batch: IngestBatch) => unknown]>([
    [
      'a fractional amount',
      (b) => ({ ...b, costs: [...b.costs, { ...b.costs[0], billedCostMicros: 1.5 }] }),
    ],
    [
      'an amount past the safe integers',
      (b) => ({ ...b, costs: [{ ...b.costs[0], billedCostMicros: 2 ** 53 }] }),
    ],
    ['an amount as text', (b) => ({ ...b, costs: [{ ...b.costs[0], billedCostMicros: '12.34' }] })],
    ['a lower-case currency', (b) => ({ ...b, costs: [{ ...b.costs[0], currency: 'usd' }] })],
    [
      'a local time',
      (b) => ({ ...b, costs: [{ ...b.costs[0], chargePeriodStart: '2026-04-20T00:00:00+02:00' }] }),
    ],
    ['an unknown field', (b) => ({ ...b, usage: [{ ...b.usage[0], prompt: 'hello' }] })],
    ['negative tokens', (b) => ({ ...b, usage: [{ ...b.usage[0], outputTokens: -1 }] })],
    ['an empty record key', (b) => ({ ...b, usage: [{ ...b.usage[0], recordKey: '' }] })],
    ['an unknown provider', (b) => ({ ...b, provider: 'nope' })],
    ['another version', (b) => ({ ...b, v: 2 })],
    ['a workspace id of the wrong kind', (b) => ({ ...b, workspaceId: b.connectionId })],
    ['too many records', (b) => ({ ...b, usage: Array.from({ length: 5_001 }, () => b.usage[0]) })],
    ['no body', () => null],
  ])('refuses a batch with %s and writes nothing', async (_name, corrupt) => {
    const ref = await seedConnection();
    const bad = corrupt(ingestBatch(ref));

    const result = await aggregator().ingest(bad as IngestBatch);

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', retryable: false },
    });
    expect(await storedRowCounts(ref)).toEqual({ costs: 0, usage: 0, runs: 0 });
  });

  it('names the failing field without echoing its value', async () => {
    const ref = await seedConnection();
    const batch = ingestBatch(ref);
    const bad = { ...batch, costs: [{ ...batch.costs[0], currency: 'sk-secretvalue' }] };

    const result = await aggregator().ingest(bad as IngestBatch);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('costs.0.currency');
    expect(result.error.message).not.toContain('sk-secretvalue');
  });

  it.each<[string, Parameters<typeof seedConnection>[0], Partial<IngestBatch>]>([
    ['a revoked connection', { revoked_at: '2026-04-25T00:00:00.000Z' }, {}],
    ['a connection of another provider', { provider: 'anthropic' }, {}],
    ['an unknown connection', {}, { connectionId: newId('con') }],
  ])('answers connection_gone for %s and writes nothing', async (_name, seed, change) => {
    const ref = await seedConnection(seed);

    const result = await aggregator().ingest({ ...ingestBatch(ref), ...change });

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'connection_gone',
        message: 'the connection does not exist or was revoked',
        retryable: false,
      },
    });
    expect(await storedRowCounts(ref)).toEqual({ costs: 0, usage: 0, runs: 0 });
  });

  it("answers connection_gone for another workspace's connection", async () => {
    const victim = await seedConnection();
    const attacker = await seedConnection();
    const forged = ingestBatch({
      workspaceId: attacker.workspaceId,
      connectionId: victim.connectionId,
    });

    const result = await aggregator().ingest(forged);

    expect(result).toMatchObject({ ok: false, error: { code: 'connection_gone' } });
    expect(await storedRowCounts(victim)).toEqual({ costs: 0, usage: 0, runs: 0 });
    expect(await storedRowCounts(attacker)).toEqual({ costs: 0, usage: 0, runs: 0 });
  });

  it('refuses a job id that belongs to another connection and writes nothing', async () => {
    const owner = await seedConnection();
    const jobId = newId('job');
    await ingestRecords(env.DB, ingestBatch(owner, { jobId, costs: [], usage: [] }), NOW);
    const other = await seedConnection();

    const result = await aggregator().ingest(ingestBatch(other, { jobId }));

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: 'the job belongs to another connection',
        retryable: false,
      },
    });
    expect(await storedRowCounts(other)).toEqual({ costs: 0, usage: 0, runs: 0 });
    expect((await readRuns(owner)).map((run) => [run.pages, run.records])).toEqual([[1, 0]]);
  });

  it('writes none of the rows when one statement of the batch fails', async () => {
    const ref = await seedConnection();
    // A trigger stands in for any failure inside D1 on the last record of the batch.
    await env.DB.prepare(
      'CREATE TRIGGER refuse_poison BEFORE INSERT ON usage_records ' +
        "WHEN NEW.record_key = 'poison' " +
        "BEGIN SELECT RAISE(ABORT, 'poison'); END",
    ).run();
    const costs = Array.from({ length: 3_000 }, (_, index) =>
      costRecord({ recordKey: `c${index}` }),
    );
    const batch = ingestBatch(ref, { costs, usage: [usageRecord({ recordKey: 'poison' })] });

    try {
      const result = await aggregator().ingest(batch);
      expect(result).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    } finally {
      await env.DB.prepare('DROP TRIGGER refuse_poison').run();
    }

    expect(await storedRowCounts(ref)).toEqual({ costs: 0, usage: 0, runs: 0 });
  });

  it('answers storage_failed, retryable, when D1 fails', async () => {
    const ref = await seedConnection();
    const failing = {
      prepare: () => {
        throw new Error('D1_ERROR: database unavailable');
      },
    } as unknown as D1Database;
    const broken = new AggregatorEntrypoint(createExecutionContext(), { ...env, DB: failing });

    expect(await broken.ingest(ingestBatch(ref))).toEqual({
      ok: false,
      error: {
        code: 'storage_failed',
        message: 'the records could not be stored',
        retryable: true,
      },
    });
  });
});
