import type { ConnectionSettings, Result, SyncJob, VaultFailureCode } from '@stax/contracts';
import { fakeAggregator, fakeQueue, fakeVault, simulatorUrl, syncJob } from '@stax/sync/testing';
import { vi } from 'vitest';
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import worker from '../src/index';
import type { Env } from '../src/env';

/** A fetcher env around the simulator: the vault holds `secret`, the rest records calls. */
export function fetcherEnv(options: {
  secret: string;
  describe?: (call: number) => Result<null, VaultFailureCode>;
}) {
  const vault = fakeVault(options);
  const aggregator = fakeAggregator();
  const deadLetters = fakeQueue();
  const env: Env = {
    VAULT: vault.vault,
    AGGREGATOR: aggregator.aggregator,
    DEAD_LETTERS: deadLetters.queue,
    CHATGPT_BASE_URL: simulatorUrl(),
  };
  return { env, vault, aggregator, deadLetters };
}

/** Delivers one message to the queue handler; retry delays are spied on the message. */
export async function deliver(env: Env, body: unknown, attempts = 1) {
  const batch = createMessageBatch('sync-chatgpt', [
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

/** A sync job of a ChatGPT connection with the given settings. */
export function chatGptJob(from: string, to: string, settings: ConnectionSettings): SyncJob {
  return syncJob({ provider: 'chatgpt', from, to, settings });
}
