import { queriesPath, queryResultsRequest, readQueryPage, type QueryPage } from '@stax/providers';
import type { CollectSession, Step } from '@stax/sync';
import type { GoogleApis } from './google-apis';

/** Calls of one query (the query, its polls and its pages) past which Stax gives up. */
export const MAX_QUERY_CALLS = 60;
/** Polls of a running job before the sync is retried later rather than held open. */
export const MAX_POLLS = 6;
const STILL_RUNNING_RETRY_SECONDS = 300;

/** A query to run: its project, its `jobs.query` body and the columns it must answer. */
export interface QuerySpec {
  project: string;
  body: string;
  fields: readonly string[];
}

async function readPage(
  session: CollectSession<unknown>,
  path: string,
  answer: Step<string>,
  fields: readonly string[],
): Promise<Step<QueryPage>> {
  if (!answer.ok) return answer;
  const page = readQueryPage(answer.value, fields);
  return page.ok ? page : session.unexpected(path, page.error.message);
}

/**
 * Runs a query and returns every row: polls `getQueryResults` while the job is not complete
 * (Google holds each poll up to `timeoutMs`, so this is no busy loop), then follows
 * `pageToken` to the last page. A job still running after `MAX_POLLS` retries the sync later.
 */
export async function runQuery(
  session: CollectSession<unknown>,
  apis: GoogleApis,
  token: string,
  spec: QuerySpec,
): Promise<Step<Array<Array<string | null>>>> {
  const auth = { authorization: `Bearer ${token}` };
  const path = queriesPath(spec.project);
  const sent = await session.call(path, () => apis.bigquery.post(path, { json: spec.body }, auth));
  let page = await readPage(session, path, sent, spec.fields);
  const rows: Array<Array<string | null>> = [];
  let polls = 0;
  for (let calls = 1; page.ok; calls += 1) {
    const current: QueryPage = page.value;
    if (current.complete) rows.push(...current.rows);
    if (current.complete && current.pageToken === null) return { ok: true, value: rows };
    if (!current.complete && (polls += 1) > MAX_POLLS) return stillRunning(session);
    if (calls >= MAX_QUERY_CALLS) return tooManyCalls(session);

    const next = queryResultsRequest(current.job, current.complete ? current.pageToken : null);
    const answer = await session.call(next.path, () =>
      apis.bigquery.get(next.path, next.query, auth),
    );
    page = await readPage(session, next.path, answer, spec.fields);
  }
  return page;
}

function stillRunning(session: CollectSession<unknown>) {
  const error = 'The BigQuery query of the billing export is still running; Stax will try again.';
  const outcome = {
    kind: 'retry',
    error,
    pages: session.pages,
    minDelaySeconds: STILL_RUNNING_RETRY_SECONDS,
  } as const;
  return { ok: false, outcome } as const;
}

function tooManyCalls(session: CollectSession<unknown>) {
  const error = 'The billing export answered with more pages than Stax reads.';
  return { ok: false, outcome: { kind: 'failed', error, pages: session.pages } } as const;
}
