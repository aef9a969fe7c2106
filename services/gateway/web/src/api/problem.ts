import { z } from 'zod';

/** An API error as the API writes it: problem+json with a stable code and the request id. */
export const ProblemBodySchema = z.object({
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  requestId: z.string().optional(),
  detail: z.string().optional(),
  field: z.string().optional(),
});

/** A failed call, whatever failed: the API, the network, or an answer of the wrong shape. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string | null;
  field: string | null;
  requestId: string | null;
}

/** The problem a non-2xx answer describes; its words when it has them, else generic ones. */
export function problemFrom(status: number, body: unknown, requestId: string | null): Problem {
  const parsed = ProblemBodySchema.safeParse(body);
  if (!parsed.success) {
    return {
      status,
      code: 'unexpected_answer',
      title: `The server answered ${status} without saying why.`,
      detail: null,
      field: null,
      requestId,
    };
  }
  const problem = parsed.data;
  return {
    status,
    code: problem.code,
    title: problem.title,
    detail: problem.detail ?? null,
    field: problem.field ?? null,
    requestId: problem.requestId ?? requestId,
  };
}

/** The problem of a request that never got an answer. */
export function networkProblem(): Problem {
  return {
    status: 0,
    code: 'network',
    title: 'Stax could not be reached. Check your connection and try again.',
    detail: null,
    field: null,
    requestId: null,
  };
}

/** The problem of an answer that is not what this version of the dashboard expects. */
export function shapeProblem(requestId: string | null): Problem {
  return {
    status: 200,
    code: 'unexpected_answer',
    title: 'The server answered in a shape this page does not understand. Reload the page.',
    detail: null,
    field: null,
    requestId,
  };
}

/** Whether a problem means the endpoint is not in this deployment yet (a missing route). */
export function isMissingEndpoint(problem: Problem): boolean {
  return problem.status === 404 || problem.status === 405;
}

/** Whether a problem means the caller must sign in (again). */
export function needsSignIn(problem: Problem): boolean {
  return problem.status === 401;
}
