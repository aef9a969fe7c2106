import type { z } from 'zod';
import type {
  ConnectionSettings,
  CostRecord,
  ProviderTotal,
  Result,
  SeatCount,
  Secret,
  SyncedProviderId,
  UsageRecord,
} from '@stax/contracts';
import type { DayWindow } from './time';

/** Query parameters in order; a name may repeat (`group_by=model&group_by=project_id`). */
export type QueryParams = ReadonlyArray<readonly [name: string, value: string]>;

/** A JSON request body: flat, of text and numbers (Cursor's report filters). */
export type JsonBody = Readonly<Record<string, string | number>>;

/** One read call to a provider's billing API: a path on its origin, a query, maybe a body. */
export interface ProviderRequest {
  path: string;
  query: QueryParams;
  /** GET when absent. A POST is still a read: Cursor takes its report filters as a JSON body. */
  method?: 'GET' | 'POST';
  body?: JsonBody;
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

/** Every kind of record one sync produces, as the ingest contract carries them. */
export interface RecordSet {
  costs: CostRecord[];
  usage: UsageRecord[];
  seats: SeatCount[];
  totals: ProviderTotal[];
}

/** What a page is read with besides its body. */
export interface PageContext {
  /** The window of days the sync covers. */
  window: DayWindow;
  /** The cursor the page was asked for with; null for the first page. */
  page: string | null;
  /** The `Link` header of the answer, when it had one (GitHub pages by it). */
  link: string | null;
  /** When the sync runs: a snapshot (seats, cycle-to-date spend) is dated by it. */
  now: Date;
}

/** The records of one page of a source, and the cursor of the next page. */
export interface SyncPage {
  records: RecordSet;
  skipped: number;
  nextPage: string | null;
}

/**
 * One paged read of a sync (a report, a list), generic in the credential `C` the adapter parses
 * (a key, or a token with its organization).
 */
export interface SyncSource<C = string> {
  /** For logs: `costs`, `seats`. */
  name: string;
  /** Whether a sync of this window reads it; a snapshot only when the window holds today. */
  appliesTo?(window: DayWindow, now: Date): boolean;
  request(window: DayWindow, page: string | null, credential: C): ProviderRequest;
  readPage(bodyText: string, context: PageContext): Result<SyncPage, PageFailureCode>;
}

/** Everything Stax knows of one provider's billing API, free of any network code. */
export interface ProviderAdapter<C = string> {
  provider: SyncedProviderId;
  /** The provider's name in words meant for the user: `OpenAI`. */
  displayName: string;
  /** What the user pastes, in words: `admin key` when absent. */
  credentialName?: string;
  /**
   * What the credential is made of before its format is checked: the secret alone when absent;
   * GitHub adds the organization named in the connection's settings.
   */
  credentialOf?(secret: Secret, settings: ConnectionSettings | undefined): unknown;
  /** What a stored or pasted credential must look like, checked before any network call. */
  credentialFormat: z.ZodType<C>;
  /** The headers that authenticate a request. */
  authHeaders(credential: C): Record<string, string>;
  /** What one sync reads, in order. */
  sources: ReadonlyArray<SyncSource<C>>;
  /** Folds the records of every page into what is ingested (events into daily totals). */
  combine?(records: RecordSet): RecordSet;
  /** The one narrow read call that tells whether the provider accepts a credential. */
  checkRequest(now: Date, credential: C): ProviderRequest;
  /** The least time between two calls of one sync, for a provider with a per-minute cap. */
  minRequestIntervalMs?: number;
}

/** An adapter whose sync is a cost report and a usage report (OpenAI, Anthropic). */
export interface ReportAdapter extends ProviderAdapter {
  costs: BillingReport<CostRecord>;
  usage: BillingReport<UsageRecord>;
}

/** No records at all. */
export function emptyRecordSet(): RecordSet {
  return { costs: [], usage: [], seats: [], totals: [] };
}

/** A source that reads a report of cost records page by page. */
export function costSource(report: BillingReport<CostRecord>): SyncSource {
  return {
    name: 'costs',
    request: (window, page) => report.request(window, page),
    readPage(bodyText) {
      const page = report.readPage(bodyText);
      if (!page.ok) return page;
      const records = { ...emptyRecordSet(), costs: page.value.records };
      return { ok: true, value: { ...page.value, records } };
    },
  };
}

/** A source that reads a report of usage records page by page. */
export function usageSource(report: BillingReport<UsageRecord>): SyncSource {
  return {
    name: 'usage',
    request: (window, page) => report.request(window, page),
    readPage(bodyText) {
      const page = report.readPage(bodyText);
      if (!page.ok) return page;
      const records = { ...emptyRecordSet(), usage: page.value.records };
      return { ok: true, value: { ...page.value, records } };
    },
  };
}
