import { env } from 'cloudflare:workers';
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../src/env';
import worker from '../src/index';
import { reportSyncOutcome } from '../src/sync-status';
import { readConnection, readRuns, seedConnection, syncJob, type ConnectionRef } from './fixtures';

const BEFORE = '2026-04-25T00:00:00.000Z';
const SENT_AT = new Date('2026-04-26T10:00:00.000Z');

function deadLetters(queue: string, bodies: unknown[]) {
  return createMessageBatch(
    queue,
    bodies.map((body, index) => ({ id: `msg-${index}`, timestamp: SENT_AT, attempts: 1, body })),
  );
}

async function deliver(batch: MessageBatch, environment: Env = env) {
  await worker.queue(batch, environment);
  return getQueueResult(batch, createExecutionContext());
}

async function connectionState(ref: ConnectionRef) {
  const row = await readConnection(ref);
  return [row.status, row.last_error];
}

async function runStates(ref: ConnectionRef) {
  return (await readRuns(ref)).map((run) => [run.status, run.error, run.finished_at !== null]);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dead-letter queue consumer', () => {
  it('fails the job and marks its connection, keeping the reason a fetcher reported', async () => {
    const ref = await seedConnection({ status: 'ok', last_synced_at: BEFORE });
    const job = syncJob(ref);
    await reportSyncOutcome(
      env.DB,
      { ...ref, jobId: job.jobId, outcome: 'started', error: null, pages: 0, records: 0 },
      SENT_AT,
    );
    await reportSyncOutcome(
      env.DB,
      {
        ...ref,
        jobId: job.jobId,
        outcome: 'retrying',
        error: 'OpenAI answered 503.',
        pages: 2,
        records: 40,
      },
      SENT_AT,
    );

    const result = await deliver(deadLetters('sync-openai-dlq', [job]));

    expect(result.explicitAcks).toEqual(['msg-0']);
    expect(result.retryMessages).toEqual([]);
    expect(await connectionState(ref)).toEqual(['error', 'OpenAI answered 503.']);
    expect(
      (await readRuns(ref)).map((run) => [run.status, run.error, run.pages, run.records]),
    ).toEqual([['failed', 'OpenAI answered 503.', 2, 40]]);
  });

  it('says the sync failed after every retry when no reason was reported', async () => {
    const ref = await seedConnection({ status: 'syncing', provider: 'anthropic' });
    const job = syncJob(ref, { provider: 'anthropic' });

    const result = await deliver(deadLetters('sync-anthropic-dlq', [job]));

    expect(result.explicitAcks).toEqual(['msg-0']);
    expect(await connectionState(ref)).toEqual(['error', 'Sync failed after every retry.']);
    expect(await runStates(ref)).toEqual([['failed', 'Sync failed after every retry.', true]]);
  });

  it.each([
    ['text', 'not a job'],
    ['null', null],
    ['a job of another version', { v: 2 }],
    ['a job with a forged workspace id', { v: 1, workspaceId: "wsp_x' OR 1=1 --" }],
  ])('acks a poison body (%s) and logs its id, never its content', async (_name, body) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const result = await deliver(deadLetters('sync-openai-dlq', [body]));

    expect(result.explicitAcks).toEqual(['msg-0']);
    expect(result.retryMessages).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    const { time, ...line } = JSON.parse(String(warn.mock.calls[0]?.[0])) as Record<
      string,
      unknown
    >;
    expect(typeof time).toBe('string');
    expect(line).toEqual({
      level: 'warn',
      msg: 'dead letter is not a sync job; dropped',
      service: 'aggregator',
      queue: 'sync-openai-dlq',
      messageId: 'msg-0',
    });
  });

  it('settles each message on its own: a poison body does not hold back a real job', async () => {
    const ref = await seedConnection({ status: 'syncing' });

    const result = await deliver(deadLetters('sync-openai-dlq', ['poison', syncJob(ref)]));

    expect(result.explicitAcks).toEqual(['msg-0', 'msg-1']);
    expect(await connectionState(ref)).toEqual(['error', 'Sync failed after every retry.']);
  });

  it('acks the job of a revoked connection and leaves the connection alone', async () => {
    const ref = await seedConnection({ status: 'ok', revoked_at: BEFORE });

    const result = await deliver(deadLetters('sync-openai-dlq', [syncJob(ref)]));

    expect(result.explicitAcks).toEqual(['msg-0']);
    expect(await connectionState(ref)).toEqual(['ok', null]);
    expect(await runStates(ref)).toEqual([]);
  });

  it('leaves a connection alone when the dead job had already succeeded', async () => {
    const ref = await seedConnection({ status: 'ok' });
    const job = syncJob(ref);
    await reportSyncOutcome(
      env.DB,
      { ...ref, jobId: job.jobId, outcome: 'succeeded', error: null, pages: 1, records: 5 },
      SENT_AT,
    );

    const result = await deliver(deadLetters('sync-openai-dlq', [job]));

    expect(result.explicitAcks).toEqual(['msg-0']);
    expect(await connectionState(ref)).toEqual(['ok', null]);
    expect(await runStates(ref)).toEqual([['succeeded', null, true]]);
  });

  it('retries a message whose outcome could not be stored', async () => {
    const ref = await seedConnection();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = {
      prepare: () => {
        throw new Error('D1_ERROR: database unavailable');
      },
    } as unknown as D1Database;

    const result = await deliver(deadLetters('sync-openai-dlq', [syncJob(ref)]), {
      ...env,
      DB: failing,
    });

    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: 'msg-0' }]);
  });
});
