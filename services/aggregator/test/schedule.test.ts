import { env } from 'cloudflare:workers';
import { createScheduledController } from 'cloudflare:test';
import { newId, type SyncJob } from '@stax/contracts';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { enqueueDueSyncs } from '../src/schedule';
import { db, RecordingQueue, seedConnection, seedWorkspace } from './fixtures';

const NOW = new Date('2026-04-26T10:07:00.000Z');

function minutesAgo(minutes: number): string {
  return new Date(NOW.getTime() - minutes * 60_000).toISOString();
}

async function seedRun(
  workspaceId: string,
  connectionId: string,
  status: string,
  startedAt: string,
) {
  await db
    .insertInto('sync_runs')
    .values({
      job_id: newId('job'),
      workspace_id: workspaceId,
      connection_id: connectionId,
      status,
      error: null,
      started_at: startedAt,
      finished_at: null,
    })
    .execute();
}

// With `forward`, each send also goes to the real producer binding.
function recordingEnv(forward = false) {
  const openai = new RecordingQueue(forward ? env.SYNC_OPENAI : undefined);
  const anthropic = new RecordingQueue(forward ? env.SYNC_ANTHROPIC : undefined);
  return { openai, anthropic, env: { ...env, SYNC_OPENAI: openai, SYNC_ANTHROPIC: anthropic } };
}

// The schedule scans every workspace; a test looks only at the jobs of its own.
function jobsOf(queue: RecordingQueue, workspaceId: string): SyncJob[] {
  return queue.sent.filter((job) => job.workspaceId === workspaceId);
}

type Fields = Parameters<typeof seedConnection>[0];
type Run = [status: string, startedMinutesAgo: number];

// Each connection of one workspace, with its last run if any, and whether it is due.
const CONNECTIONS: [label: string, fields: Fields, run: Run | null, due: boolean][] = [
  ['never synced', {}, null, true],
  ['synced two hours ago', { last_synced_at: minutesAgo(120) }, null, true],
  ['in error', { status: 'error', last_synced_at: minutesAgo(61) }, null, true],
  ['with a stale started run', { last_synced_at: minutesAgo(90) }, ['started', 31], true],
  ['with a finished run', { last_synced_at: minutesAgo(90) }, ['succeeded', 5], true],
  ['of Anthropic', { provider: 'anthropic' }, null, true],
  ['synced 59 minutes ago', { last_synced_at: minutesAgo(59) }, null, false],
  ['revoked', { revoked_at: minutesAgo(600) }, null, false],
  ['needing attention', { status: 'needs_attention' }, null, false],
  ['of kind import', { kind: 'import' }, null, false],
  ['of kind subscription', { kind: 'subscription' }, null, false],
  ['of a provider without a fetcher', { provider: 'cursor' }, null, false],
  ['with a run started 29 minutes ago', { last_synced_at: minutesAgo(90) }, ['started', 29], false],
  ['with a run retrying', { last_synced_at: minutesAgo(90) }, ['retrying', 10], false],
];

describe('scheduled sync enqueueing', () => {
  it('enqueues exactly the due connections, each on the queue of its provider', async () => {
    const workspaceId = await seedWorkspace();
    const labels = new Map<string, string>();
    for (const [label, fields, run] of CONNECTIONS) {
      const ref = await seedConnection({ workspace_id: workspaceId, label, ...fields });
      if (run) await seedRun(workspaceId, ref.connectionId, run[0], minutesAgo(run[1]));
      labels.set(ref.connectionId, label);
    }
    const queues = recordingEnv();

    await enqueueDueSyncs(queues.env, NOW, 'req-cron');

    const labelsOf = (queue: RecordingQueue) =>
      jobsOf(queue, workspaceId).map((job) => labels.get(job.connectionId));
    const due = CONNECTIONS.filter(([, , , isDue]) => isDue).map(([label]) => label);
    expect(labelsOf(queues.openai).sort()).toEqual(due.filter((l) => l !== 'of Anthropic').sort());
    expect(labelsOf(queues.anthropic)).toEqual(['of Anthropic']);
  });

  it('sends a scheduled job over the trailing days through tomorrow, UTC', async () => {
    const ref = await seedConnection({ provider: 'anthropic' });
    const queues = recordingEnv();

    await enqueueDueSyncs(queues.env, NOW, 'req-cron');

    const [job, ...others] = jobsOf(queues.anthropic, ref.workspaceId);
    expect(others).toEqual([]);
    expect(job).toEqual({
      v: 1,
      jobId: expect.stringMatching(/^job_[a-z2-7]{20}$/),
      workspaceId: ref.workspaceId,
      connectionId: ref.connectionId,
      provider: 'anthropic',
      reason: 'scheduled',
      from: '2026-04-23',
      to: '2026-04-27',
      requestId: 'req-cron',
    });
  });

  it('sends at most 100 jobs per sendBatch call', async () => {
    const workspace_id = await seedWorkspace();
    for (let index = 0; index < 150; index++) await seedConnection({ workspace_id });
    const queues = recordingEnv();

    await enqueueDueSyncs(queues.env, NOW, 'req-cron');

    expect(jobsOf(queues.openai, workspace_id)).toHaveLength(150);
    expect(queues.openai.batches.every((batch) => batch.length <= 100)).toBe(true);
    expect(new Set(queues.openai.sent.map((job) => job.jobId)).size).toBe(
      queues.openai.sent.length,
    );
  });

  it('leaves out a row that does not read back as a connection, and counts it', async () => {
    const workspace_id = await seedWorkspace();
    await seedConnection({ workspace_id, id: 'legacy-connection-1' });
    const queues = recordingEnv();

    const outcome = await enqueueDueSyncs(queues.env, NOW, 'req-cron');

    expect(jobsOf(queues.openai, workspace_id)).toEqual([]);
    expect(outcome.unreadable).toBe(1);
  });

  it('enqueues through the real queue producers when the cron fires', async () => {
    const ref = await seedConnection();
    const queues = recordingEnv(true);
    const controller = createScheduledController({ scheduledTime: NOW, cron: '7 * * * *' });

    await worker.scheduled(controller, queues.env);

    const [job] = jobsOf(queues.openai, ref.workspaceId);
    expect(job).toMatchObject({ connectionId: ref.connectionId, reason: 'scheduled' });
    expect(job?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
