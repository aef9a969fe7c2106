import { newDriver, type BenchContext } from './context';
import type { Driver } from './driver';
import { num, ratio, type ResultRow } from './report';

const TOTAL_RECORDS = 500_000;
/** Records per driver call; each call is timed inside the Worker and the times are added. */
const RECORDS_PER_CALL = 5_000;
/** What a fetcher hands the aggregator per ingest call (MAX_RECORDS_PER_INGEST). */
const INGEST_BATCH = 1_000;
/** 500,000 records over a year of days. */
const RECORDS_PER_DAY = 1_370;
const TARGET_RATIO = 0.7;

type Form = 'ingest' | 'values' | 'json';

interface Variant {
  name: string;
  form: Form;
  batchSize: number;
  target: 'stax' | 'raw';
}

const RAW_VARIANTS: Variant[] = [
  {
    name: 'raw multi-row VALUES, 1,000 per batch()',
    form: 'values',
    batchSize: 1_000,
    target: 'raw',
  },
  { name: 'raw json_each, 1,000 per batch()', form: 'json', batchSize: 1_000, target: 'raw' },
  { name: 'raw json_each, 5,000 per batch()', form: 'json', batchSize: 5_000, target: 'raw' },
];

async function writeAll(
  driver: Driver,
  owner: { workspaceId: string; connectionId: string },
  variant: Variant,
): Promise<number> {
  let totalMs = 0;
  for (let first = 0; first < TOTAL_RECORDS; first += RECORDS_PER_CALL) {
    const slice = {
      ...owner,
      provider: 'openai',
      first,
      count: Math.min(RECORDS_PER_CALL, TOTAL_RECORDS - first),
      perDay: RECORDS_PER_DAY,
      batchSize: variant.batchSize,
      form: variant.form,
      target: variant.target,
    };
    const written = await driver.json<{ ms: number }>('/_bench/records', { body: slice });
    totalMs += written.ms;
  }
  return TOTAL_RECORDS / (totalMs / 1000);
}

/**
 * 500,000 records through `aggregator.ingest` (RPC, zod, guarded upserts) into local D1, against
 * the fastest raw insert of the same rows into a second local D1 of the same schema.
 */
export async function benchIngest(context: BenchContext): Promise<ResultRow[]> {
  const driver = newDriver(context);
  const tenant = await driver.json<{
    workspaceId: string;
    connections: Array<{ id: string }>;
  }>('/_bench/tenant', { body: { providers: ['openai'] } });
  const owner = { workspaceId: tenant.workspaceId, connectionId: tenant.connections[0]?.id ?? '' };

  context.progress('ingest: aggregator.ingest');
  const ingestRate = await writeAll(driver, owner, {
    name: 'ingest',
    form: 'ingest',
    batchSize: INGEST_BATCH,
    target: 'stax',
  });
  const raw: Array<{ variant: Variant; rate: number }> = [];
  for (const variant of RAW_VARIANTS) {
    context.progress(`ingest: ${variant.name}`);
    await driver.json('/_bench/raw/reset', { body: {} });
    raw.push({ variant, rate: await writeAll(driver, owner, variant) });
  }
  const fastest = raw.reduce((best, candidate) => (candidate.rate > best.rate ? candidate : best));
  context.rawRecordsPerSecond = fastest.rate;

  const share = ingestRate / fastest.rate;
  return [
    {
      benchmark: '1. ingest 500,000 records',
      measure: 'aggregator.ingest, records/s (1,000 per call)',
      value: num(ingestRate),
      limit: `${num(fastest.rate)} (${fastest.variant.name})`,
      ratio: ratio(share),
      target: `≥ ${TARGET_RATIO} of raw`,
      verdict: share >= TARGET_RATIO ? 'met' : 'short',
    },
    ...raw.map(({ variant, rate }) => ({
      benchmark: '1. ingest (limit)',
      measure: `${variant.name}, records/s`,
      value: num(rate),
      limit: '—',
      ratio: ratio(rate / fastest.rate),
      target: '—',
      verdict: '—' as const,
    })),
  ];
}
