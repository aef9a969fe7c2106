import type { z } from 'zod';
import type { CostRecord, Result, SyncedProviderId, UsageRecord } from '@stax/contracts';
import type { DayWindow } from './time';

/** Query parameters in order; a name may repeat (`group_by=model&group_by=project_id`). */
export type QueryParams = ReadonlyArray<readonly [name: string, value: string]>;

/** One read call to a provider's billing API: a path on its origin and a query. */
export interface ProviderRequest {
  path: string;
  query: QueryParams;
}

/** The records of one page, how many results were skipped, and the cursor of the next page. */
export interface ReportPage<R> {
  records: R[];
  /** Results that carried nothing to record (an OpenAI cost result without an amount). */
  skipped: number;
  nextPage: string | null;
}

/** Why a page could not be read: its text is not JSON or does not fit the response schema. */
export type PageFailureCode = 'unexpected_format';

/** One paged report of a provider (costs or usage): how to ask for a page and how to read it. */
export interface BillingReport<R> {
  request(window: DayWindow, page: string | null): ProviderRequest;
  readPage(bodyText: string): Result<ReportPage<R>, PageFailureCode>;
}

/** Everything Stax knows of one provider's billing API, free of any network code. */
export interface ProviderAdapter {
  provider: SyncedProviderId;
  /** The provider's name in words meant for the user: `OpenAI`. */
  displayName: string;
  /** What a pasted admin key must look like, checked before any network call. */
  credentialFormat: z.ZodType<string>;
  /** The headers that authenticate a request with an admin key. */
  authHeaders(adminKey: string): Record<string, string>;
  costs: BillingReport<CostRecord>;
  usage: BillingReport<UsageRecord>;
  /** The one narrow read call that tells whether the provider accepts a key. */
  checkRequest(now: Date): ProviderRequest;
}
