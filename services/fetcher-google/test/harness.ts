import type {
  ConnectionSettings,
  Result,
  Secret,
  SyncJob,
  VaultFailureCode,
} from '@stax/contracts';
import { fakeAggregator, fakeQueue, fakeVault, simulatorUrl, syncJob } from '@stax/sync/testing';
import { vi } from 'vitest';
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import worker from '../src/index';
import type { Env } from '../src/env';

/** The settings of a connection to the simulator's export table. */
export const SETTINGS: ConnectionSettings = {
  billingAccountId: '01ABCD-23EFGH-45IJKL',
  bigQueryProject: 'acme-billing',
  bigQueryDataset: 'billing_export',
  bigQueryTable: 'gcp_billing_export_v1_01ABCD_23EFGH_45IJKL',
};

/** A key file of the simulator's service account for `org` (and a misbehaving mode). */
export async function serviceAccountKey(
  org: string,
  mode?: string,
): Promise<Record<string, string>> {
  const query = new URLSearchParams({ org, ...(mode ? { mode } : {}) });
  const response = await fetch(`${simulatorUrl()}/_sim/google/service-account?${query}`);
  return response.json();
}

/** The four fields the vault keeps of a key file. */
export function storedKey(key: Record<string, string>): Secret {
  const { type = '', client_email = '', private_key_id = '', private_key = '' } = key;
  return { type, client_email, private_key_id, private_key };
}

/** A fetcher env around the simulator: the vault holds `secret`, the rest records calls. */
export function fetcherEnv(options: {
  secret: Secret;
  describe?: (call: number) => Result<null, VaultFailureCode>;
}) {
  const vault = fakeVault(options);
  const aggregator = fakeAggregator();
  const deadLetters = fakeQueue();
  const url = simulatorUrl();
  const env: Env = {
    VAULT: vault.vault,
    AGGREGATOR: aggregator.aggregator,
    DEAD_LETTERS: deadLetters.queue,
    GOOGLE_OAUTH_URL: url,
    GOOGLE_BILLING_URL: url,
    GOOGLE_BIGQUERY_URL: url,
  };
  return { env, vault, aggregator, deadLetters };
}

/** Delivers one message to the queue handler; retry delays are spied on the message. */
export async function deliver(env: Env, body: unknown, attempts = 1) {
  const batch = createMessageBatch('sync-google', [
    { id: 'msg-1', timestamp: new Date('2026-04-02T00:00:00Z'), attempts, body },
  ]);
  const retries = batch.messages.map((message) => vi.spyOn(message, 'retry'));
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  return {
    acked: result.explicitAcks.includes('msg-1'),
    retries: retries.flatMap((spy) => spy.mock.calls.map(([options]) => options ?? {})),
  };
}

/** A sync job of a Google connection over a window of days. */
export function googleJob(
  from: string,
  to: string,
  connection = 'con_aaaaaaaaaaaaaaaaaaaa',
): SyncJob {
  return syncJob({ provider: 'google', from, to, settings: SETTINGS, connectionId: connection });
}

/** The simulator's request log, filtered to Google's paths. */
export async function googleCalls(): Promise<
  Array<{ method: string; path: string; status: number }>
> {
  const response = await fetch(`${simulatorUrl()}/_sim/requests`);
  const calls: Array<{ method: string; path: string; status: number }> = await response.json();
  return calls
    .filter(
      (call) =>
        call.path === '/token' ||
        call.path.startsWith('/v1/billingAccounts/') ||
        call.path.startsWith('/bigquery/'),
    )
    .map(({ method, path, status }) => ({ method, path, status }));
}

/** Forgets the simulator's request log. */
export async function clearCalls(): Promise<void> {
  await fetch(`${simulatorUrl()}/_sim/requests`, { method: 'DELETE' });
}
