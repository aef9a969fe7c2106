import {
  fail,
  ok,
  type AggregatorApi,
  type AggregatorFailureCode,
  type CredentialInfo,
  type IngestBatch,
  type Result,
  type Secret,
  type SyncJob,
  type SyncReport,
  type VaultApi,
  type VaultFailureCode,
} from '@stax/contracts';
import type { LogFields, Logger } from '@stax/log';

const CREDENTIAL_INFO: CredentialInfo = {
  provider: 'openai',
  kekVersion: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  rotatedAt: null,
};

type VaultAnswer = Result<null, VaultFailureCode>;

/** A vault that holds one secret; `describe` answers from a script, call by call. */
export function fakeVault(options: {
  secret?: Secret;
  reveal?: VaultAnswer;
  describe?: (call: number) => VaultAnswer;
}) {
  const calls = { reveal: [] as unknown[], describe: 0 };
  const vault: VaultApi = {
    store: () => Promise.reject(new Error('not used by the runner')),
    rotate: () => Promise.reject(new Error('not used by the runner')),
    revoke: () => Promise.reject(new Error('not used by the runner')),
    async reveal(input) {
      calls.reveal.push(input);
      const answer = options.reveal ?? ok(null);
      return answer.ok ? ok({ secret: options.secret ?? '' }) : answer;
    },
    async describe() {
      calls.describe += 1;
      const answer = options.describe?.(calls.describe) ?? ok(null);
      return answer.ok ? ok(CREDENTIAL_INFO) : answer;
    },
  };
  return { vault, calls };
}

/** An aggregator that records every ingest and report. */
export function fakeAggregator(
  options: {
    ingest?: (batch: IngestBatch) => Result<null, AggregatorFailureCode>;
    report?: (report: SyncReport) => Result<null, AggregatorFailureCode>;
  } = {},
) {
  const ingested: IngestBatch[] = [];
  const reports: SyncReport[] = [];
  const aggregator: AggregatorApi = {
    async ingest(batch) {
      const answer = options.ingest?.(batch) ?? ok(null);
      if (!answer.ok) return answer;
      ingested.push(batch);
      return ok({ costs: batch.costs.length, usage: batch.usage.length });
    },
    async reportSync(report) {
      reports.push(report);
      return options.report?.(report) ?? ok(null);
    },
  };
  return { aggregator, ingested, reports };
}

/** A queue message whose ack and retry are recorded. */
export interface FakeMessage extends Message<unknown> {
  settled: { acked: boolean; retried: QueueRetryOptions | null };
}

let messageCount = 0;

export function fakeMessage(body: unknown, attempts = 1): FakeMessage {
  messageCount += 1;
  const settled: FakeMessage['settled'] = { acked: false, retried: null };
  return {
    id: `msg-${messageCount}`,
    timestamp: new Date('2026-04-01T00:00:00Z'),
    body,
    attempts,
    settled,
    ack: () => {
      settled.acked = true;
    },
    retry: (retryOptions = {}) => {
      settled.retried = retryOptions;
    },
  };
}

export function fakeBatch(messages: FakeMessage[]): MessageBatch<unknown> {
  return {
    queue: 'sync-openai',
    messages,
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    retryAll: () => {
      throw new Error('the runner settles messages one by one');
    },
    ackAll: () => {
      throw new Error('the runner settles messages one by one');
    },
  } as MessageBatch<unknown>;
}

/** A dead-letter queue that records what was sent to it. */
export function fakeQueue() {
  const sent: unknown[] = [];
  const queue = {
    async send(body: unknown) {
      sent.push(body);
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
  } as unknown as Queue;
  return { queue, sent };
}

/** A logger that keeps its lines, so a test can read them. */
export function capturingLogger() {
  const lines: Array<{ level: string; msg: string } & LogFields> = [];
  const make = (bound: LogFields): Logger => {
    const write =
      (level: string) =>
      (msg: string, fields: LogFields = {}) => {
        lines.push({ level, msg, ...bound, ...fields });
      };
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return { log: make({}), lines };
}

/** A provider that answers each call from a handler and records the URLs asked for. */
export function fakeProvider(handler: (url: URL, call: number) => Response) {
  const urls: URL[] = [];
  const fetcher: typeof fetch = async (input) => {
    const url = new URL(String(input));
    urls.push(url);
    return handler(url, urls.length);
  };
  return { fetcher, urls };
}

export const ADMIN_KEY = 'sk-admin-runner-test-0123456789';

export function syncJob(overrides: Partial<SyncJob> = {}): SyncJob {
  return {
    v: 1,
    jobId: 'job_aaaaaaaaaaaaaaaaaaaa',
    workspaceId: 'wsp_aaaaaaaaaaaaaaaaaaaa',
    connectionId: 'con_aaaaaaaaaaaaaaaaaaaa',
    provider: 'openai',
    reason: 'scheduled',
    from: '2026-01-01',
    to: '2026-01-03',
    requestId: 'req-test-1',
    ...overrides,
  };
}

export function failure<C extends string>(code: C, retryable: boolean) {
  return fail(code, `fake ${code}`, { retryable });
}
