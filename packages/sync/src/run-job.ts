import { concatRecordSets, type RecordSet } from '@stax/providers';
import { collectReport } from './collect';
import type { JobContext } from './context';
import { ensureCredentialLive, revealAdminKey } from './credential';
import { ingestRecords } from './ingest';
import type { JobOutcome, Step } from './outcome';

interface CollectedRecords {
  records: RecordSet;
  pages: number;
}

async function collectRecords(
  ctx: JobContext,
  credential: unknown,
): Promise<Step<CollectedRecords>> {
  const { adapter } = ctx.deps;
  const sets: RecordSet[] = [];
  let pages = 0;
  let skipped = 0;
  for (const source of adapter.sources) {
    if (source.appliesTo && !source.appliesTo(ctx.job, ctx.now)) continue;
    const collected = await collectReport(ctx, source, credential, pages);
    if (!collected.ok) return collected;
    sets.push(collected.value.records);
    pages += collected.value.pages;
    skipped += collected.value.skipped;
  }

  if (skipped > 0) ctx.log.info('results without anything to record skipped', { skipped });
  const read = concatRecordSets(sets);
  const records = adapter.combine ? adapter.combine(read) : read;
  return { ok: true, value: { records, pages } };
}

/**
 * Runs one sync job: reveal the credential, read every page of every source, and only then
 * ingest. Every way it can end is an outcome; only a bug throws.
 */
export async function runJob(ctx: JobContext): Promise<JobOutcome> {
  const credential = await revealAdminKey(ctx);
  if (!credential.ok) return credential.outcome;

  const collected = await collectRecords(ctx, credential.value);
  if (!collected.ok) return collected.outcome;
  const { pages } = collected.value;

  const live = await ensureCredentialLive(ctx, pages);
  if (!live.ok) return live.outcome;
  const ingested = await ingestRecords(ctx, collected.value.records, pages);
  if (!ingested.ok) return ingested.outcome;

  return { kind: 'succeeded', pages, records: ingested.value };
}
