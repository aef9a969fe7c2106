import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { newId, type SyncReport } from '@stax/contracts';
import { describe, expect, it } from 'vitest';
import { AggregatorEntrypoint } from '../src/index';
import { ingestRecords } from '../src/ingest';
import { reportSyncOutcome } from '../src/sync-status';
import {
  ingestBatch,
  readConnection,
  readRuns,
  seedConnection,
  type ConnectionRef,
} from './fixtures';

const NOW = new Date('2026-04-26T10:00:00.000Z');
const BEFORE = '2026-04-25T00:00:00.000Z';

type Step = [SyncReport['outcome'], error?: string | null, pages?: number, records?: number];

function report(
  ref: ConnectionRef,
  jobId: string,
  [outcome, error, pages, records]: Step,
): SyncReport {
  return { ...ref, jobId, outcome, error: error ?? null, pages: pages ?? 0, records: records ?? 0 };
}

// A connection that synced before, with the progress of that earlier job.
function seedSyncedConnection(): Promise<ConnectionRef> {
  return seedConnection({ status: 'ok', last_synced_at: BEFORE, sync_pages: 7, sync_records: 70 });
}

async function replay(ref: ConnectionRef, jobId: string, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    expect(await reportSyncOutcome(env.DB, report(ref, jobId, step), NOW)).toEqual({
      ok: true,
      value: null,
    });
  }
}

async function connectionState(ref: ConnectionRef) {
  const row = await readConnection(ref);
  return [row.status, row.last_error, row.sync_pages, row.sync_records, row.last_synced_at];
}

async function runStates(ref: ConnectionRef) {
  const runs = await readRuns(ref);
  return runs.map((run) => [run.status, run.pages, run.records, run.error, run.finished_at]);
}

const at = NOW.toISOString();

describe('reportSync', () => {
  it.each<[string, Step[], unknown[], unknown[]]>([
    ['started', [['started']], ['syncing', null, 0, 0, BEFORE], ['started', 0, 0, null, null]],
    [
      'succeeded',
      [['started'], ['succeeded', null, 3, 120]],
      ['ok', null, 3, 120, at],
      ['succeeded', 3, 120, null, at],
    ],
    [
      'retrying',
      [['started'], ['retrying', 'OpenAI answered 429.', 1, 50]],
      ['syncing', 'OpenAI answered 429.', 0, 0, BEFORE],
      ['retrying', 1, 50, 'OpenAI answered 429.', null],
    ],
    [
      'failed with a reason',
      [['started'], ['failed', 'OpenAI answered 500.']],
      ['error', 'OpenAI answered 500.', 0, 0, BEFORE],
      ['failed', 0, 0, 'OpenAI answered 500.', at],
    ],
    [
      'failed without a reason after a retry',
      [['started'], ['retrying', 'OpenAI answered 429.'], ['failed']],
      ['error', 'OpenAI answered 429.', 0, 0, BEFORE],
      ['failed', 0, 0, 'OpenAI answered 429.', at],
    ],
    [
      'failed without any reason',
      [['started'], ['failed']],
      ['error', 'Sync failed.', 0, 0, BEFORE],
      ['failed', 0, 0, 'Sync failed.', at],
    ],
    [
      'retrying without a reason',
      [['started'], ['retrying']],
      ['syncing', 'Sync hit a temporary error and is being retried.', 0, 0, BEFORE],
      ['retrying', 0, 0, 'Sync hit a temporary error and is being retried.', null],
    ],
    [
      'needs_attention',
      [['started'], ['needs_attention', 'OpenAI answered 401.']],
      ['needs_attention', 'OpenAI answered 401.', 0, 0, BEFORE],
      ['needs_attention', 0, 0, 'OpenAI answered 401.', at],
    ],
    [
      'succeeded after a retry',
      [['started'], ['retrying', 'OpenAI answered 429.'], ['succeeded', null, 2, 80]],
      ['ok', null, 2, 80, at],
      ['succeeded', 2, 80, null, at],
    ],
    [
      'succeeded with no started before it',
      [['succeeded', null, 2, 20]],
      ['ok', null, 2, 20, at],
      ['succeeded', 2, 20, null, at],
    ],
    [
      'started redelivered after succeeded',
      [['started'], ['succeeded', null, 3, 120], ['started']],
      ['ok', null, 3, 120, at],
      ['succeeded', 3, 120, null, at],
    ],
    [
      'succeeded redelivered',
      [['started'], ['succeeded', null, 3, 120], ['succeeded', null, 3, 120]],
      ['ok', null, 3, 120, at],
      ['succeeded', 3, 120, null, at],
    ],
    [
      'retrying arriving after succeeded',
      [['started'], ['succeeded', null, 3, 120], ['retrying', 'late']],
      ['ok', null, 3, 120, at],
      ['succeeded', 3, 120, null, at],
    ],
    [
      'failed arriving after succeeded',
      [['started'], ['succeeded', null, 3, 120], ['failed', 'late']],
      ['ok', null, 3, 120, at],
      ['succeeded', 3, 120, null, at],
    ],
    [
      'succeeded arriving after failed',
      [['started'], ['failed', 'OpenAI answered 500.'], ['succeeded', null, 3, 120]],
      ['error', 'OpenAI answered 500.', 0, 0, BEFORE],
      ['failed', 0, 0, 'OpenAI answered 500.', at],
    ],
    [
      'retrying arriving after needs_attention',
      [['started'], ['needs_attention', 'OpenAI answered 401.'], ['retrying', 'late']],
      ['needs_attention', 'OpenAI answered 401.', 0, 0, BEFORE],
      ['needs_attention', 0, 0, 'OpenAI answered 401.', at],
    ],
  ])(
    'moves the connection and the run as expected for %s',
    async (_name, steps, connection, run) => {
      const ref = await seedSyncedConnection();

      await replay(ref, newId('job'), steps);

      expect(await connectionState(ref)).toEqual(connection);
      expect(await runStates(ref)).toEqual([run]);
    },
  );

  it('starts the progress of a new job from zero after an earlier job succeeded', async () => {
    const ref = await seedSyncedConnection();
    await replay(ref, newId('job'), [['started'], ['succeeded', null, 3, 120]]);

    await replay(ref, newId('job'), [['started']]);

    expect(await connectionState(ref)).toEqual(['syncing', null, 0, 0, at]);
  });

  it('leaves the progress alone when started arrives for a job already under way', async () => {
    const ref = await seedSyncedConnection();
    const jobId = newId('job');
    await ingestRecords(env.DB, ingestBatch(ref, { jobId }), NOW);

    await replay(ref, jobId, [['started']]);

    expect(await connectionState(ref)).toEqual(['syncing', null, 7, 70, BEFORE]);
    expect(await runStates(ref)).toEqual([['started', 1, 2, null, null]]);
  });

  it("does not touch another connection's run that has the same job id", async () => {
    const owner = await seedSyncedConnection();
    const jobId = newId('job');
    await replay(owner, jobId, [['started']]);
    const other = await seedSyncedConnection();

    await replay(other, jobId, [['failed', 'forged']]);

    expect(await runStates(owner)).toEqual([['started', 0, 0, null, null]]);
    expect(await runStates(other)).toEqual([]);
    expect(await connectionState(other)).toEqual(['ok', null, 7, 70, BEFORE]);
  });

  it('answers connection_gone for a revoked connection and changes nothing', async () => {
    const ref = await seedConnection({ status: 'ok', revoked_at: BEFORE });
    const aggregator = new AggregatorEntrypoint(createExecutionContext(), env);

    const result = await aggregator.reportSync(report(ref, newId('job'), ['started']));

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'connection_gone',
        message: 'the connection does not exist or was revoked',
        retryable: false,
      },
    });
    expect(await connectionState(ref)).toEqual(['ok', null, 0, 0, null]);
    expect(await runStates(ref)).toEqual([]);
  });

  it("answers connection_gone for another workspace's connection and changes nothing", async () => {
    const victim = await seedSyncedConnection();
    const attacker = await seedSyncedConnection();
    const aggregator = new AggregatorEntrypoint(createExecutionContext(), env);
    const forged = { workspaceId: attacker.workspaceId, connectionId: victim.connectionId };

    const result = await aggregator.reportSync(report(forged, newId('job'), ['needs_attention']));

    expect(result).toMatchObject({ ok: false, error: { code: 'connection_gone' } });
    expect(await connectionState(victim)).toEqual(['ok', null, 7, 70, BEFORE]);
    expect(await runStates(victim)).toEqual([]);
  });

  it.each<[string, (valid: SyncReport) => unknown]>([
    ['an unknown outcome', (valid) => ({ ...valid, outcome: 'paused' })],
    ['negative pages', (valid) => ({ ...valid, pages: -1 })],
    ['fractional records', (valid) => ({ ...valid, records: 1.5 })],
    ['an error longer than 512 characters', (valid) => ({ ...valid, error: 'e'.repeat(513) })],
    ['a job id of the wrong kind', (valid) => ({ ...valid, jobId: valid.connectionId })],
    ['an unknown field', (valid) => ({ ...valid, secret: 'sk-admin-1' })],
    ['no body', () => undefined],
  ])('refuses a report with %s and changes nothing', async (_name, corrupt) => {
    const ref = await seedSyncedConnection();
    const aggregator = new AggregatorEntrypoint(createExecutionContext(), env);
    const bad = corrupt(report(ref, newId('job'), ['failed', 'boom']));

    const result = await aggregator.reportSync(bad as SyncReport);

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', retryable: false },
    });
    expect(await connectionState(ref)).toEqual(['ok', null, 7, 70, BEFORE]);
    expect(await runStates(ref)).toEqual([]);
  });

  it('records a report through the RPC entrypoint', async () => {
    const ref = await seedSyncedConnection();
    const aggregator = new AggregatorEntrypoint(createExecutionContext(), env);

    const result = await aggregator.reportSync(report(ref, newId('job'), ['started']));

    expect(result).toEqual({ ok: true, value: null });
    expect(await connectionState(ref)).toEqual(['syncing', null, 0, 0, BEFORE]);
  });
});
