import type { CostRecord, UsageRecord } from '@stax/contracts';
import { collectReport } from './collect';
import type { JobContext } from './context';
import { ensureCredentialLive, revealAdminKey } from './credential';
import { ingestRecords } from './ingest';
import type { JobOutcome, Step } from './outcome';

interface CollectedRecords {
  costs: CostRecord[];
  usage: UsageRecord[];
  pages: number;
}

async function collectRecords(ctx: JobContext, adminKey: string): Promise<Step<CollectedRecords>> {
  const { adapter } = ctx.deps;
  const costs = await collectReport(ctx, adapter.costs, adminKey, 0);
  if (!costs.ok) return costs;
  const usage = await collectReport(ctx, adapter.usage, adminKey, costs.value.pages);
  if (!usage.ok) return usage;

  if (costs.value.skipped > 0) {
    ctx.log.info('cost results without an amount skipped', { skipped: costs.value.skipped });
  }
  const pages = costs.value.pages + usage.value.pages;
  return { ok: true, value: { costs: costs.value.records, usage: usage.value.records, pages } };
}

/**
 * Runs one sync job: reveal the key, read every page of costs and usage, and only then ingest.
 * Every way it can end is an outcome; only a bug throws.
 */
export async function runJob(ctx: JobContext): Promise<JobOutcome> {
  const adminKey = await revealAdminKey(ctx);
  if (!adminKey.ok) return adminKey.outcome;

  const collected = await collectRecords(ctx, adminKey.value);
  if (!collected.ok) return collected.outcome;
  const { pages } = collected.value;

  const live = await ensureCredentialLive(ctx, pages);
  if (!live.ok) return live.outcome;
  const ingested = await ingestRecords(ctx, collected.value, pages);
  if (!ingested.ok) return ingested.outcome;

  return { kind: 'succeeded', pages, records: ingested.value };
}
