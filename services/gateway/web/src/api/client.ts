import type { z } from 'zod';
import { networkProblem, problemFrom, shapeProblem, type Problem } from './problem';

/** A call's outcome: the validated answer, or a problem to show in words. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const REQUEST_ID_HEADER = 'x-request-id';

interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  accept?: string;
}

async function send(path: string, options: CallOptions): Promise<Response | null> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    return null;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** Calls the API and validates the answer with a schema; 204 answers validate `undefined`. */
export async function callApi<S extends z.ZodType>(
  path: string,
  schema: S,
  options: CallOptions = {},
): Promise<ApiResult<z.output<S>>> {
  const response = await send(path, options);
  if (!response) return { ok: false, problem: networkProblem() };
  const requestId = response.headers.get(REQUEST_ID_HEADER);
  const body = response.status === 204 ? undefined : await readJson(response);
  if (!response.ok) return { ok: false, problem: problemFrom(response.status, body, requestId) };

  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: shapeProblem(requestId) };
  return { ok: true, value: parsed.data };
}

/** Downloads an API answer as a file (an <a href> cannot send the Accept header it needs). */
export async function downloadFile(
  path: string,
  fileName: string,
  accept: string,
): Promise<ApiResult<null>> {
  const response = await send(path, { accept });
  if (!response) return { ok: false, problem: networkProblem() };
  const requestId = response.headers.get(REQUEST_ID_HEADER);
  if (!response.ok) {
    return {
      ok: false,
      problem: problemFrom(response.status, await readJson(response), requestId),
    };
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has handed the blob to the download; the URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, value: null };
}
