import {
  emptyRecordSet,
  sendRequest,
  type ProviderFailure,
  type RecordSet,
  type SyncPage,
  type SyncSource,
} from '@stax/providers';
import type { JobContext } from './context';
import { ensureCredentialLive } from './credential';
import { retryOrFail, stop, type JobOutcome, type Step } from './outcome';

/** A report is never read past this many pages, whatever the provider says of more. */
export const MAX_PAGE_COUNT = 200;

/** Every record of one source over the job's window, and how many pages it took. */
export interface CollectedReport {
  records: RecordSet;
  pages: number;
  skipped: number;
}

/** The words the connection shows for a provider's answer, and what to do about it. */
export function outcomeOfProviderFailure(
  displayName: string,
  failure: ProviderFailure,
  pages: number,
  credentialName = 'admin key',
): JobOutcome {
  const status = failure.status === null ? '' : ` (${failure.status})`;
  switch (failure.code) {
    case 'unauthorized':
      return {
        kind: 'needs_attention',
        error: `${displayName} rejected the key${status}. Paste a new ${credentialName}.`,
        pages,
      };
    case 'rate_limited':
      return retryOrFail(failure, `${displayName} is rate-limiting requests${status}.`, pages);
    case 'upstream': {
      const words = failure.status === null ? 'could not be reached' : 'answered with an error';
      return retryOrFail(failure, `${displayName} ${words}${status}.`, pages);
    }
    case 'bad_request':
      return { kind: 'failed', error: `${displayName} refused the request${status}.`, pages };
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// A provider with a per-minute cap (Cursor: 20) gets its calls spaced out, never bunched.
async function paceCall(ctx: JobContext): Promise<void> {
  const interval = ctx.deps.adapter.minRequestIntervalMs ?? 0;
  const clock = ctx.deps.now ?? (() => new Date());
  if (interval > 0 && ctx.lastCallAt !== null) {
    const wait = ctx.lastCallAt + interval - clock().getTime();
    if (wait > 0) await (ctx.deps.sleep ?? defaultSleep)(wait);
  }
  ctx.lastCallAt = clock().getTime();
}

async function readOnePage(
  ctx: JobContext,
  source: SyncSource<unknown>,
  credential: unknown,
  cursor: string | null,
  pages: number,
): Promise<Step<SyncPage>> {
  const { adapter } = ctx.deps;
  const request = source.request(ctx.job, cursor, credential);
  await paceCall(ctx);
  const answer = await sendRequest(ctx.client, request, adapter.authHeaders(credential));
  if (!answer.ok) {
    ctx.log.warn('provider call failed', { source: source.name, ...answer.error });
    const name = adapter.credentialName;
    return stop(outcomeOfProviderFailure(adapter.displayName, answer.error, pages, name));
  }

  const context = { window: ctx.job, page: cursor, link: answer.link ?? null, now: ctx.now };
  const page = source.readPage(answer.value, context);
  if (!page.ok) {
    // The detail names where the shape broke (paths only): the user sees plain words.
    ctx.log.error('provider page does not fit its schema', {
      source: source.name,
      detail: page.error.message,
    });
    const error = `${adapter.displayName} answered in an unexpected format.`;
    return stop({ kind: 'failed', error, pages });
  }
  return page;
}

function appendRecords(into: RecordSet, page: RecordSet): void {
  for (const record of page.costs) into.costs.push(record);
  for (const record of page.usage) into.usage.push(record);
  for (const record of page.seats) into.seats.push(record);
  for (const record of page.totals) into.totals.push(record);
}

/**
 * Reads every page of one source, checking before each call that the credential still exists.
 * Nothing is kept from a source that fails part way: the caller ingests only complete reads.
 */
export async function collectReport(
  ctx: JobContext,
  source: SyncSource<unknown>,
  credential: unknown,
  pagesBefore: number,
): Promise<Step<CollectedReport>> {
  const collected: CollectedReport = { records: emptyRecordSet(), pages: 0, skipped: 0 };
  let cursor: string | null = null;
  do {
    const pagesSoFar = pagesBefore + collected.pages;
    if (collected.pages >= MAX_PAGE_COUNT) {
      const provider = ctx.deps.adapter.displayName;
      const error = `${provider} kept answering with more pages than Stax reads.`;
      return stop({ kind: 'failed', error, pages: pagesSoFar });
    }
    const live = await ensureCredentialLive(ctx, pagesSoFar);
    if (!live.ok) return live;

    const page: Step<SyncPage> = await readOnePage(ctx, source, credential, cursor, pagesSoFar);
    if (!page.ok) return page;
    appendRecords(collected.records, page.value.records);
    collected.skipped += page.value.skipped;
    collected.pages += 1;
    cursor = page.value.nextPage;
  } while (cursor !== null);
  return { ok: true, value: collected };
}
