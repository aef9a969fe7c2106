import {
  ok,
  type AggregatorFailureCode,
  type Result,
  type VaultFailureCode,
} from '@stax/contracts';
import { openAiAdapter } from '@stax/providers';
import { describe, expect, it } from 'vitest';
import { handleSyncBatch, type SyncDeps } from '../src';
import {
  ADMIN_KEY,
  capturingLogger,
  failure,
  fakeAggregator,
  fakeBatch,
  fakeMessage,
  fakeProvider,
  fakeQueue,
  fakeVault,
  syncJob,
  type FakeMessage,
} from './fakes';
import { costPage, json, usagePage } from './pages';

const COSTS = '/v1/organization/costs';
const JITTER_SECONDS = 15;

/** Two cost pages (three results) and one usage page. */
function healthyProvider(url: URL): Response {
  if (url.pathname === COSTS) {
    return url.searchParams.get('page') === 'p2'
      ? json(costPage(1, ['2.5'], null))
      : json(costPage(0, ['1.25', '0.0000015'], 'p2'));
  }
  return json(usagePage(0, null));
}

interface Setup {
  provider?: (url: URL, call: number) => Response;
  secret?: string;
  reveal?: Result<null, VaultFailureCode>;
  describe?: (call: number) => Result<null, VaultFailureCode>;
  ingest?: () => Result<null, AggregatorFailureCode>;
  report?: () => Result<null, AggregatorFailureCode>;
}

function setup(options: Setup = {}) {
  const vault = fakeVault({
    secret: options.secret ?? ADMIN_KEY,
    ...(options.reveal ? { reveal: options.reveal } : {}),
    ...(options.describe ? { describe: options.describe } : {}),
  });
  const aggregator = fakeAggregator({
    ...(options.ingest ? { ingest: options.ingest } : {}),
    ...(options.report ? { report: options.report } : {}),
  });
  const deadLetters = fakeQueue();
  const provider = fakeProvider(options.provider ?? healthyProvider);
  const logger = capturingLogger();
  const deps: SyncDeps = {
    adapter: openAiAdapter,
    vault: vault.vault,
    aggregator: aggregator.aggregator,
    deadLetters: deadLetters.queue,
    baseUrl: 'https://api.openai.com',
    log: logger.log,
    fetcher: provider.fetcher,
    random: () => 0.5,
  };
  const run = (...messages: FakeMessage[]) => handleSyncBatch(fakeBatch(messages), deps);
  return { run, vault, aggregator, deadLetters, provider, logger };
}

const REPORT_IDS = {
  workspaceId: 'wsp_aaaaaaaaaaaaaaaaaaaa',
  connectionId: 'con_aaaaaaaaaaaaaaaaaaaa',
  jobId: 'job_aaaaaaaaaaaaaaaaaaaa',
};

function report(outcome: string, error: string | null, pages = 0, records = 0) {
  return { ...REPORT_IDS, outcome, error, pages, records };
}

const STARTED = report('started', null);

describe('handleSyncBatch with a healthy provider', () => {
  it('reads every page, ingests exact records, reports success and acks', async () => {
    const sync = setup();
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.reports).toEqual([STARTED, report('succeeded', null, 3, 4)]);
    expect(
      sync.aggregator.ingested.map((batch) => batch.costs.map((cost) => cost.billedCostMicros)),
    ).toEqual([[1_250_000, 2, 2_500_000], []]);
    expect(sync.aggregator.ingested[1]?.usage).toEqual([
      {
        recordKey: 'usage|2026-01-01|gpt-5|proj_test',
        chargePeriodStart: '2026-01-01T00:00:00Z',
        chargePeriodEnd: '2026-01-02T00:00:00Z',
        model: 'gpt-5',
        projectId: 'proj_test',
        apiKeyId: null,
        inputTokens: 1000,
        cachedInputTokens: 400,
        cacheWriteTokens: 0,
        outputTokens: 50,
        requests: 3,
      },
    ]);
  });

  it('asks for the job window and follows the cursor', async () => {
    const sync = setup();
    await sync.run(fakeMessage(syncJob()));

    expect(sync.provider.urls.map((url) => `${url.pathname}?${url.searchParams}`)).toEqual([
      `${COSTS}?start_time=1767225600&end_time=1767398400&bucket_width=1d&group_by=line_item` +
        '&group_by=project_id&limit=31',
      `${COSTS}?start_time=1767225600&end_time=1767398400&bucket_width=1d&group_by=line_item` +
        '&group_by=project_id&limit=31&page=p2',
      '/v1/organization/usage/completions?start_time=1767225600&end_time=1767398400' +
        '&bucket_width=1d&group_by=model&group_by=project_id&limit=31',
    ]);
  });

  it('reveals the key for a sync and re-checks it before each call and ingest', async () => {
    const sync = setup();
    await sync.run(fakeMessage(syncJob()));

    expect(sync.vault.calls.reveal).toEqual([
      { ...REPORT_IDS, provider: 'openai', purpose: 'sync', requestId: 'req-test-1' },
    ]);
    expect(sync.vault.calls.describe).toBe(4);
  });

  it('ingests in chunks of at most 1000 records', async () => {
    const amounts = Array.from({ length: 2500 }, (_, index) => `0.${index + 1}`);
    const sync = setup({
      provider: (url) =>
        url.pathname === COSTS ? json(costPage(0, amounts, null)) : json(usagePage(0, null)),
    });
    await sync.run(fakeMessage(syncJob()));

    expect(
      sync.aggregator.ingested.map((batch) => [batch.costs.length, batch.usage.length]),
    ).toEqual([
      [1000, 0],
      [1000, 0],
      [500, 0],
      [0, 1],
    ]);
    expect(sync.aggregator.ingested[0]).toMatchObject({ v: 1, ...REPORT_IDS, provider: 'openai' });
  });

  it('never writes the key to a log line, a report or an ingest', async () => {
    const sync = setup({ provider: () => json('{}', 401) });
    await sync.run(fakeMessage(syncJob()));
    const healthy = setup();
    await healthy.run(fakeMessage(syncJob()));

    for (const written of [sync.logger.lines, sync.aggregator.reports, healthy.logger.lines]) {
      expect(JSON.stringify(written)).not.toContain(ADMIN_KEY);
    }
    expect(JSON.stringify(healthy.aggregator.ingested)).not.toContain(ADMIN_KEY);
  });
});

describe('handleSyncBatch with a poison message', () => {
  it.each([
    ['a body that is not a job', { hello: 'world' }],
    ['a job of another provider', syncJob({ provider: 'anthropic' })],
    ['an empty window', syncJob({ from: '2026-01-03', to: '2026-01-03' })],
    ['a job of another version', { ...syncJob(), v: 2 }],
  ])('sends %s to the dead-letter queue and acks it', async (_case, body) => {
    const sync = setup();
    const message = fakeMessage(body);
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.deadLetters.sent).toEqual([body]);
    expect(sync.vault.calls.reveal).toEqual([]);
    expect(sync.aggregator.reports).toEqual([]);
  });

  it('logs the message id, not the body', async () => {
    const sync = setup();
    const message = fakeMessage({ secret: 'do-not-log-me' });
    await sync.run(message);

    expect(sync.logger.lines).toEqual([
      {
        level: 'error',
        msg: 'poison sync message sent to the dead-letter queue',
        messageId: message.id,
        reason: 'the body is not a sync job',
      },
    ]);
  });

  it('does not hold back the other messages of the batch', async () => {
    const sync = setup();
    const poison = fakeMessage('garbage');
    const good = fakeMessage(syncJob());
    await sync.run(poison, good);

    expect(poison.settled.acked).toBe(true);
    expect(good.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.reports.at(-1)?.outcome).toBe('succeeded');
  });
});

describe('handleSyncBatch when the credential is gone', () => {
  it('acks without a provider call when the vault no longer has the key', async () => {
    const sync = setup({ reveal: failure('not_found', false) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.provider.urls).toEqual([]);
    expect(sync.aggregator.reports).toEqual([STARTED]);
  });

  it('stops at once when the key is revoked after the first page, ingesting nothing', async () => {
    const sync = setup({
      describe: (call) => (call === 1 ? ok(null) : failure('not_found', false)),
    });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.provider.urls).toHaveLength(1);
    expect(sync.aggregator.ingested).toEqual([]);
  });

  it('acks without a reveal when the aggregator says the connection is gone', async () => {
    const sync = setup({ report: () => failure('connection_gone', false) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.vault.calls.reveal).toEqual([]);
  });

  it('acks without a success report when ingest finds the connection gone', async () => {
    const sync = setup({ ingest: () => failure('connection_gone', false) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.reports).toEqual([STARTED]);
  });
});

describe('handleSyncBatch when the vault cannot reveal', () => {
  it.each([['audit_unavailable'], ['kms_unavailable']] as const)(
    'retries with backoff on %s',
    async (code) => {
      const sync = setup({ reveal: failure(code, true) });
      const message = fakeMessage(syncJob(), 2);
      await sync.run(message);

      expect(message.settled).toEqual({
        acked: false,
        retried: { delaySeconds: 60 + JITTER_SECONDS },
      });
      expect(sync.provider.urls).toEqual([]);
      expect(sync.aggregator.reports).toEqual([
        STARTED,
        report('retrying', 'Stax could not unlock the stored key right now.'),
      ]);
    },
  );

  it('reports failed and acks when the stored key does not decrypt', async () => {
    const sync = setup({ reveal: failure('decrypt_failed', false) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('failed', 'Stax could not decrypt the stored key. Paste the admin key again.'),
    );
  });

  it('asks for attention when the stored secret is not an admin key', async () => {
    const sync = setup({ secret: 'sk-proj-not-an-admin-key' });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.provider.urls).toEqual([]);
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('needs_attention', 'The stored key is not in the format of OpenAI admin keys.'),
    );
  });
});

describe('handleSyncBatch when the provider refuses the key', () => {
  it.each([401, 403])('asks for attention on %i, acks and never retries', async (status) => {
    const sync = setup({ provider: () => json('{"error":{}}', status) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.provider.urls).toHaveLength(1);
    expect(sync.aggregator.reports).toEqual([
      STARTED,
      report('needs_attention', `OpenAI rejected the key (${status}). Paste a new admin key.`),
    ]);
  });
});

describe('handleSyncBatch when the provider rate-limits', () => {
  it.each([
    ['a long Retry-After', '600', 600],
    ['a short Retry-After', '1', 30 + JITTER_SECONDS],
    ['a Retry-After past the Queues maximum', '86400', 43_200],
  ])('retries after the longer of %s and the backoff', async (_case, retryAfter, delay) => {
    const sync = setup({ provider: () => json('{}', 429, { 'retry-after': retryAfter }) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: false, retried: { delaySeconds: delay } });
    expect(sync.provider.urls).toHaveLength(1);
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('retrying', 'OpenAI is rate-limiting requests (429).'),
    );
  });
});

describe('handleSyncBatch when the provider fails', () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [5, 480],
  ])('on attempt %i retries after %i seconds plus jitter', async (attempts, backoff) => {
    const sync = setup({ provider: () => json('{}', 500) });
    const message = fakeMessage(syncJob(), attempts);
    await sync.run(message);

    expect(message.settled).toEqual({
      acked: false,
      retried: { delaySeconds: backoff + JITTER_SECONDS },
    });
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('retrying', 'OpenAI answered with an error (500).'),
    );
  });

  it('reports failed before the final retry moves the message to the DLQ', async () => {
    const sync = setup({ provider: () => json('{}', 503) });
    const message = fakeMessage(syncJob(), 6);
    await sync.run(message);

    expect(message.settled).toEqual({
      acked: false,
      retried: { delaySeconds: 960 + JITTER_SECONDS },
    });
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('failed', 'OpenAI answered with an error (503).'),
    );
  });

  it('ingests nothing when a later page fails', async () => {
    const sync = setup({
      provider: (url, call) => (call === 1 ? healthyProvider(url) : json('{}', 502)),
    });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled.retried).toEqual({ delaySeconds: 30 + JITTER_SECONDS });
    expect(sync.aggregator.ingested).toEqual([]);
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('retrying', 'OpenAI answered with an error (502).', 1),
    );
  });

  it('retries when the provider cannot be reached', async () => {
    const sync = setup({
      provider: () => {
        throw new TypeError('Network connection lost');
      },
    });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled.retried).toEqual({ delaySeconds: 30 + JITTER_SECONDS });
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('retrying', 'OpenAI could not be reached.'),
    );
  });

  it('reports failed and acks on a 400, without retrying', async () => {
    const sync = setup({ provider: () => json('{}', 400) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('failed', 'OpenAI refused the request (400).'),
    );
  });
});

describe('handleSyncBatch when a page does not fit its schema', () => {
  it('reports failed, acks and ingests nothing of the job', async () => {
    const sync = setup({
      provider: (url) =>
        url.pathname === COSTS ? healthyProvider(url) : json('{"data":"surprise"}'),
    });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.ingested).toEqual([]);
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('failed', 'OpenAI answered in an unexpected format.', 2),
    );
  });

  it('stops after 200 pages of a provider that always has more', async () => {
    const sync = setup({ provider: (_url, call) => json(costPage(0, ['1'], `p${call}`)) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(sync.provider.urls).toHaveLength(200);
    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.ingested).toEqual([]);
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('failed', 'OpenAI kept answering with more pages than Stax reads.', 200),
    );
  });
});

describe('handleSyncBatch when the aggregator fails', () => {
  it('retries when the records cannot be stored', async () => {
    const sync = setup({ ingest: () => failure('storage_failed', true) });
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled.retried).toEqual({ delaySeconds: 30 + JITTER_SECONDS });
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('retrying', 'Stax could not store the records.', 3),
    );
  });

  it('still syncs when a status report cannot be sent', async () => {
    const sync = setup();
    sync.aggregator.aggregator.reportSync = () => Promise.reject(new Error('binding down'));
    const message = fakeMessage(syncJob());
    await sync.run(message);

    expect(message.settled).toEqual({ acked: true, retried: null });
    expect(sync.aggregator.ingested).toHaveLength(2);
  });

  it('retries with backoff when a binding throws', async () => {
    const sync = setup();
    sync.vault.vault.reveal = () => Promise.reject(new Error('vault binding down'));
    const message = fakeMessage(syncJob(), 3);
    await sync.run(message);

    expect(message.settled).toEqual({
      acked: false,
      retried: { delaySeconds: 120 + JITTER_SECONDS },
    });
    expect(sync.aggregator.reports.at(-1)).toEqual(
      report('retrying', 'The sync stopped on an internal error.'),
    );
  });
});
