import { SECONDS_PER_DAY } from './rule/calendar';

/** A parsed request parameter, or the parameter that was wrong and why. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly param: string; readonly message: string };

/** Largest Unix second the simulator accepts (9999-12-31T23:59:59Z), so dates stay printable. */
export const MAX_UNIX_SECONDS = 253_402_300_799;

/** Buckets per page when `limit` is absent, for both providers' daily reports. */
export const DEFAULT_BUCKET_LIMIT = 7;

const CURSOR_PREFIX = 'page_';
const CURSOR_VERSION = 'v1';
const DIGITS = /^\d+$/;

/** Succeeds with the value. */
export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** Fails, naming the parameter. */
export function rejected<T>(param: string, message: string): Parsed<T> {
  return { ok: false, param, message };
}

/** All values of an array parameter, sent either as `name=` repeated or as `name[]=`. */
export function arrayParam(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)];
}

/** A whole number within bounds, or the default when the parameter is absent. */
export function integerParam(
  query: URLSearchParams,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): Parsed<number> {
  const raw = query.get(name);
  if (raw === null) return parsed(bounds.fallback);
  const value = DIGITS.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= bounds.min && value <= bounds.max)) {
    return rejected(
      name,
      `Invalid value for '${name}': expected an integer between ${bounds.min} and ${bounds.max}.`,
    );
  }
  return parsed(value);
}

/** The set of grouping dimensions, each checked against what the endpoint supports. */
export function groupByParam(
  query: URLSearchParams,
  name: string,
  allowed: readonly string[],
): Parsed<ReadonlySet<string>> {
  const values = arrayParam(query, name);
  const unknown = values.find((value) => !allowed.includes(value));
  if (unknown !== undefined) {
    return rejected(
      name,
      `Invalid value for '${name}': '${unknown}'. Allowed: ${allowed.join(', ')}.`,
    );
  }
  return parsed(new Set(values));
}

/** The days a report covers: from the UTC day of its start up to its exclusive end. */
export interface BucketWindow {
  readonly firstBucketStart: number;
  readonly endExclusive: number;
}

/** One page of daily buckets (Unix seconds of each bucket start) and the cursor after it. */
export interface BucketPage {
  readonly bucketStarts: readonly number[];
  readonly nextPage: string | null;
}

/** The cursor that resumes a report at the given bucket start. */
export function encodePageCursor(bucketStart: number): string {
  return CURSOR_PREFIX + Buffer.from(`${CURSOR_VERSION}:${bucketStart}`).toString('base64url');
}

/** The bucket start a cursor resumes at, or null when the cursor is not one of ours. */
export function decodePageCursor(cursor: string): number | null {
  if (!cursor.startsWith(CURSOR_PREFIX)) return null;
  const decoded = Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString();
  const [version, seconds] = decoded.split(':');
  if (version !== CURSOR_VERSION || seconds === undefined || !DIGITS.test(seconds)) return null;
  return Number(seconds);
}

/** Cuts the window into a page of at most `limit` daily buckets, starting at the cursor if any. */
export function pageOfBuckets(
  window: BucketWindow,
  limit: number,
  cursor: string | null,
): Parsed<BucketPage> {
  const resumeAt = cursor === null ? window.firstBucketStart : decodePageCursor(cursor);
  if (!isBucketStartInWindow(resumeAt, window)) {
    return rejected('page', "Invalid value for 'page': the cursor does not belong to this report.");
  }
  const bucketStarts: number[] = [];
  let next = resumeAt;
  while (next < window.endExclusive && bucketStarts.length < limit) {
    bucketStarts.push(next);
    next += SECONDS_PER_DAY;
  }
  return parsed({
    bucketStarts,
    nextPage: next < window.endExclusive ? encodePageCursor(next) : null,
  });
}

function isBucketStartInWindow(start: number | null, window: BucketWindow): start is number {
  if (start === null) return false;
  const inside = start >= window.firstBucketStart && start < window.endExclusive;
  return inside && (start - window.firstBucketStart) % SECONDS_PER_DAY === 0;
}

/** The paging and grouping every daily report shares once validated. */
export interface ReportPaging {
  readonly page: BucketPage;
  readonly groupBy: ReadonlySet<string>;
}

/** Reads `limit` (default 7), `group_by` and `page` for a window of daily buckets. */
export function reportPagingParams(
  query: URLSearchParams,
  window: BucketWindow,
  rules: { readonly groups: readonly string[]; readonly maxLimit: number },
): Parsed<ReportPaging> {
  const bounds = { min: 1, max: rules.maxLimit, fallback: DEFAULT_BUCKET_LIMIT };
  const limit = integerParam(query, 'limit', bounds);
  if (!limit.ok) return limit;
  const groupBy = groupByParam(query, 'group_by', rules.groups);
  if (!groupBy.ok) return groupBy;
  const page = pageOfBuckets(window, limit.value, query.get('page'));
  if (!page.ok) return page;
  return parsed({ page: page.value, groupBy: groupBy.value });
}

/** Unix seconds of 00:00 UTC on the day containing the given second. */
export function utcDayStart(unixSeconds: number): number {
  return Math.floor(unixSeconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

/** The current Unix second; the default end of every report. */
export function nowUnixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
