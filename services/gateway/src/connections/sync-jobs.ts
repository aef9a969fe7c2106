import {
  newId,
  type ConnectionSettings,
  type SyncJob,
  type SyncedProviderId,
} from '@stax/contracts';
import type { AppContext } from '../app-context';

export const BACKFILL_DAYS = 90;
export const TRAILING_DAYS = 3;
// The providers' daily buckets come at most 31 to a page; one job covers one such window.
const MAX_JOB_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A UTC day `offset` days from `date`, as YYYY-MM-DD. */
export function utcDay(date: Date, offset = 0): string {
  return new Date(date.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
}

/** Splits [from, to) into windows of at most 31 days. */
export function splitWindow(from: string, to: string): Array<{ from: string; to: string }> {
  const windows: Array<{ from: string; to: string }> = [];
  let start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (start < end) {
    const next = new Date(Math.min(start.getTime() + MAX_JOB_DAYS * DAY_MS, end.getTime()));
    windows.push({ from: utcDay(start), to: utcDay(next) });
    start = next;
  }
  return windows;
}

/**
 * Enqueues the sync of a connection over the last `days` UTC days up to and including today,
 * one job a window. Returns the job ids.
 */
export async function enqueueSync(
  app: AppContext,
  target: {
    workspaceId: string;
    connectionId: string;
    provider: SyncedProviderId;
    /** The connection's settings, carried by each job (GitHub's organization). */
    settings?: ConnectionSettings | undefined;
  },
  reason: SyncJob['reason'],
  days: number,
): Promise<string[]> {
  const now = app.now();
  const jobs: SyncJob[] = splitWindow(utcDay(now, 1 - days), utcDay(now, 1)).map((window) => ({
    v: 1,
    jobId: newId('job'),
    workspaceId: target.workspaceId,
    connectionId: target.connectionId,
    provider: target.provider,
    ...(target.settings ? { settings: target.settings } : {}),
    reason,
    ...window,
    requestId: app.requestId,
  }));
  await syncQueue(app, target.provider).sendBatch(jobs.map((body) => ({ body })));
  return jobs.map((job) => job.jobId);
}

function syncQueue(app: AppContext, provider: SyncedProviderId): Queue {
  const queues: Record<SyncedProviderId, Queue> = {
    openai: app.env.SYNC_OPENAI,
    anthropic: app.env.SYNC_ANTHROPIC,
    cursor: app.env.SYNC_CURSOR,
    github: app.env.SYNC_GITHUB,
    google: app.env.SYNC_GOOGLE,
    chatgpt: app.env.SYNC_CHATGPT,
  };
  return queues[provider];
}
