import type { BillingReport, ProviderFailure, ReportPage } from '@stax/providers';
import type { JobContext } from './context';
import { ensureCredentialLive } from './credential';
import { retryOrFail, stop, type JobOutcome, type Step } from './outcome';

/** A report is never read past this many pages, whatever the provider says of more. */
export const MAX_PAGE_COUNT = 200;

/** Every record of one report over the job's window, and how many pages it took. */
export interface CollectedReport<R> {
  records: R[];
  pages: number;
  skipped: number;
}

/** The words the connection shows for a provider's answer, and what to do about it. */
export function outcomeOfProviderFailure(
  displayName: string,
  failure: ProviderFailure,
  pages: number,
): JobOutcome {
  const status = failure.status === null ? '' : ` (${failure.status})`;
  switch (failure.code) {
    case 'unauthorized':
      return {
        kind: 'needs_attention',
        error: `${displayName} rejected the key${status}. Paste a new admin key.`,
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

async function readOnePage<R>(
  ctx: JobContext,
  report: BillingReport<R>,
  adminKey: string,
  cursor: string | null,
  pages: number,
): Promise<Step<ReportPage<R>>> {
  const { adapter } = ctx.deps;
  const request = report.request(ctx.job, cursor);
  const answer = await ctx.client.get(request.path, request.query, adapter.authHeaders(adminKey));
  if (!answer.ok) {
    ctx.log.warn('provider call failed', { path: request.path, ...answer.error });
    return stop(outcomeOfProviderFailure(adapter.displayName, answer.error, pages));
  }

  const page = report.readPage(answer.value);
  if (!page.ok) {
    // The detail names where the shape broke (paths only): the user sees plain words.
    ctx.log.error('provider page does not fit its schema', {
      path: request.path,
      detail: page.error.message,
    });
    const error = `${adapter.displayName} answered in an unexpected format.`;
    return stop({ kind: 'failed', error, pages });
  }
  return page;
}

/**
 * Reads every page of one report, checking before each call that the credential still exists.
 * Nothing is kept from a report that fails part way: the caller ingests only complete reports.
 */
export async function collectReport<R>(
  ctx: JobContext,
  report: BillingReport<R>,
  adminKey: string,
  pagesBefore: number,
): Promise<Step<CollectedReport<R>>> {
  const collected: CollectedReport<R> = { records: [], pages: 0, skipped: 0 };
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

    const page: Step<ReportPage<R>> = await readOnePage(ctx, report, adminKey, cursor, pagesSoFar);
    if (!page.ok) return page;
    for (const record of page.value.records) collected.records.push(record);
    collected.skipped += page.value.skipped;
    collected.pages += 1;
    cursor = page.value.nextPage;
  } while (cursor !== null);
  return { ok: true, value: collected };
}
