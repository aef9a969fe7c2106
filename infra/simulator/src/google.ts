import type { IncomingHttpHeaders } from 'node:http';
import { GoogleAuthority } from './google-auth';
import { toJsonText, type JsonValue } from './json-text';
import {
  bearerToken,
  jsonResponse,
  type FailureKind,
  type ProviderDialect,
  type ProviderRequest,
  type SimResponse,
} from './provider';
import { daysBetween, dayOfUnixSeconds, dayStartUnixSeconds } from './rule/calendar';
import { nanosToDollarText } from './rule/decimal-text';
import {
  GOOGLE_SERVICES,
  googleCostRows,
  googleCurrency,
  type GoogleCostRow,
} from './rule/google-rule';

const ACCOUNT_PATH = /^\/v1\/billingAccounts\/([0-9A-Z]{6}-[0-9A-Z]{6}-[0-9A-Z]{6})$/;
const QUERIES_PATH = /^\/bigquery\/v2\/projects\/([a-z][a-z0-9-]+)\/queries$/;
const RESULTS_PATH = /^\/bigquery\/v2\/projects\/([a-z][a-z0-9-]+)\/queries\/(job_sim_\d+)$/;
const TABLE = /FROM `([a-z][a-z0-9-]+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)`/;
const EXPORT_TABLE_PREFIX = 'gcp_billing_export_v1_';
/** The simulator's page size cap, small enough that a 90-day query spans two pages. */
export const GOOGLE_ROWS_PER_PAGE = 100;

const STATUS: Record<Exclude<FailureKind, 'invalid_request'>, [number, string, string]> = {
  unauthenticated: [401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  forbidden: [403, 'PERMISSION_DENIED', 'The caller does not have permission'],
  rate_limited: [429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.'],
  server_error: [500, 'INTERNAL', 'Internal error encountered.'],
  not_found: [404, 'NOT_FOUND', 'Not found.'],
};

/** Google's error shape: `{"error":{"code","message","status","errors":[…]}}`. */
export function googleFailure(kind: FailureKind, message?: string): SimResponse {
  const [code, status, words] =
    kind === 'invalid_request' ? [400, 'INVALID_ARGUMENT', 'Invalid request.'] : STATUS[kind];
  const body = { error: { code, message: message ?? words, status, errors: [] } };
  const headers: Record<string, string> = kind === 'rate_limited' ? { 'retry-after': '2' } : {};
  return jsonResponse(code, toJsonText(body), headers);
}

type Cells = Array<string | null>;
interface StoredJob {
  readonly fields: readonly string[];
  readonly rows: readonly Cells[];
  polled: boolean;
}

interface QueryParameters {
  readonly scalars: ReadonlyMap<string, string>;
  readonly arrays: ReadonlyMap<string, readonly string[]>;
}

function readParameters(body: Record<string, unknown>): QueryParameters {
  const scalars = new Map<string, string>();
  const arrays = new Map<string, string[]>();
  const list = Array.isArray(body.queryParameters) ? body.queryParameters : [];
  for (const parameter of list) {
    const value = parameter?.parameterValue;
    if (typeof parameter?.name !== 'string' || typeof value !== 'object') continue;
    if (typeof value.value === 'string') scalars.set(parameter.name, value.value);
    if (Array.isArray(value.arrayValues)) {
      arrays.set(
        parameter.name,
        value.arrayValues.map((item: { value?: unknown }) => String(item.value)),
      );
    }
  }
  return { scalars, arrays };
}

// NUMERIC comes back as plain decimal text, without a trailing `.0`.
function numericText(nanos: bigint): string {
  return nanosToDollarText(nanos).replace(/\.0$/, '');
}

function netNanos(rows: readonly GoogleCostRow[]): bigint {
  return rows.reduce((sum, row) => sum + row.costNanos + row.creditNanos, 0n);
}

function dailyRows(org: string, params: QueryParameters): Cells[] | null {
  const start = params.scalars.get('window_start')?.slice(0, 10);
  const end = params.scalars.get('window_end')?.slice(0, 10);
  const services = params.arrays.get('services');
  if (!start || !end || !services || end <= start) return null;
  const lastDay = dayOfUnixSeconds(dayStartUnixSeconds(end) - 1);
  const currency = googleCurrency(org);
  return daysBetween(start, lastDay).flatMap((day) =>
    GOOGLE_SERVICES.filter((service) => services.includes(service)).flatMap((service) =>
      googleCostRows(org, day, service).map((row) => [
        day,
        service,
        row.invoiceMonth,
        currency,
        numericText(netNanos([row])),
      ]),
    ),
  );
}

function monthRows(org: string, params: QueryParameters): Cells[] | null {
  const months = params.arrays.get('invoice_months');
  const services = params.arrays.get('services');
  if (!months || !services) return null;
  const rows: Cells[] = [];
  for (const month of [...months].sort()) {
    const first = `${month.slice(0, 4)}-${month.slice(4)}-01`;
    const from = dayOfUnixSeconds(dayStartUnixSeconds(first) - 86_400);
    const to = dayOfUnixSeconds(dayStartUnixSeconds(first) + 31 * 86_400);
    for (const service of GOOGLE_SERVICES.filter((name) => services.includes(name))) {
      const billed = daysBetween(from, to)
        .flatMap((day) => googleCostRows(org, day, service))
        .filter((row) => row.invoiceMonth === month);
      if (billed.length > 0)
        rows.push([month, service, googleCurrency(org), numericText(netNanos(billed))]);
    }
  }
  return rows;
}

function parseJson(text: string | null): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null ? { ...value } : null;
  } catch {
    return null;
  }
}

/** The OAuth token endpoint, Cloud Billing and BigQuery's query API, in Google's formats. */
export class GoogleSimulator {
  readonly authority = new GoogleAuthority();
  private readonly jobs = new Map<string, StoredJob>();
  private jobCount = 0;

  /** The token endpoint: no bearer header; the assertion in the form is the credential. */
  readonly oauthDialect: ProviderDialect = {
    name: 'google',
    credential: () => null,
    authenticate: () => ({ ok: true, caller: { org: null, mode: null } }),
    failure: (kind, message) => googleFailure(kind, message),
    handle: (request) => this.token(request),
  };

  /** Cloud Billing and BigQuery: a bearer access token issued by the token endpoint. */
  readonly apiDialect: ProviderDialect = {
    name: 'google',
    credential: (headers: IncomingHttpHeaders) => bearerToken(headers),
    authenticate: (headers) => {
      const caller = this.authority.callerOf(bearerToken(headers) ?? '');
      return caller
        ? { ok: true, caller }
        : { ok: false, response: googleFailure('unauthenticated') };
    },
    failure: (kind, message) => googleFailure(kind, message),
    handle: (request) => this.api(request),
  };

  private async token(request: ProviderRequest): Promise<SimResponse> {
    if (request.method !== 'POST') return googleFailure('not_found');
    const form = await request.readBody();
    return this.authority.exchange(form ?? '', Math.floor(Date.now() / 1000));
  }

  private async api(request: ProviderRequest): Promise<SimResponse> {
    const org = request.caller.org ?? '';
    const account = ACCOUNT_PATH.exec(request.path);
    if (account && request.method === 'GET') return this.billingAccount(org, account[1] ?? '');
    const queries = QUERIES_PATH.exec(request.path);
    if (queries && request.method === 'POST') return this.query(org, queries[1] ?? '', request);
    const results = RESULTS_PATH.exec(request.path);
    if (results && request.method === 'GET') {
      return this.results(results[1] ?? '', results[2] ?? '', request.query);
    }
    return googleFailure('not_found', `Not found: ${request.method} ${request.path}`);
  }

  private billingAccount(org: string, id: string): SimResponse {
    const body = {
      name: `billingAccounts/${id}`,
      open: true,
      displayName: `${org} billing`,
      masterBillingAccount: '',
      parent: 'organizations/123456789',
      currencyCode: googleCurrency(org),
    };
    return jsonResponse(200, toJsonText(body));
  }

  private async query(
    org: string,
    project: string,
    request: ProviderRequest,
  ): Promise<SimResponse> {
    const body = parseJson(await request.readBody());
    const sql = typeof body?.query === 'string' ? body.query : '';
    if (!body || body.useLegacySql !== false) {
      return googleFailure('invalid_request', 'Only standard SQL is expected from Stax.');
    }
    const table = TABLE.exec(sql);
    if (!table?.[3]?.startsWith(EXPORT_TABLE_PREFIX)) {
      const name = table ? `${table[1]}:${table[2]}.${table[3]}` : 'in the query';
      return googleFailure('not_found', `Not found: Table ${name} was not found in location US`);
    }
    const params = readParameters(body);
    const daily = sql.includes('AS usage_day');
    const rows = daily ? dailyRows(org, params) : monthRows(org, params);
    if (rows === null) return googleFailure('invalid_request', 'Query parameters are missing.');
    const fields = daily
      ? ['usage_day', 'service', 'invoice_month', 'currency', 'net_cost']
      : ['invoice_month', 'service', 'currency', 'net_cost'];
    this.jobCount += 1;
    const jobId = `job_sim_${this.jobCount}`;
    this.jobs.set(jobId, { fields, rows, polled: false });
    // Every job is still running when jobs.query returns: Stax must poll.
    return this.answer({
      kind: 'bigquery#queryResponse',
      ...this.reference(project, jobId),
      jobComplete: false,
    });
  }

  private results(project: string, jobId: string, query: URLSearchParams): SimResponse {
    const job = this.jobs.get(jobId);
    if (!job) return googleFailure('not_found', `Not found: Job ${project}:US.${jobId}`);
    job.polled = true;
    const size = Math.min(
      Number(query.get('maxResults') ?? GOOGLE_ROWS_PER_PAGE),
      GOOGLE_ROWS_PER_PAGE,
    );
    const offset = Number(query.get('pageToken') ?? '0');
    const page = job.rows.slice(offset, offset + size);
    const next = offset + size < job.rows.length ? String(offset + size) : null;
    return this.answer({
      kind: 'bigquery#getQueryResultsResponse',
      ...this.reference(project, jobId),
      jobComplete: true,
      schema: { fields: job.fields.map((name) => ({ name, type: 'STRING', mode: 'NULLABLE' })) },
      totalRows: String(job.rows.length),
      rows: page.map((cells) => ({ f: cells.map((v) => ({ v })) })),
      ...(next === null ? {} : { pageToken: next }),
    });
  }

  private reference(project: string, jobId: string) {
    return { jobReference: { projectId: project, jobId, location: 'US' } };
  }

  private answer(body: Record<string, JsonValue>): SimResponse {
    return jsonResponse(200, toJsonText(body));
  }
}
