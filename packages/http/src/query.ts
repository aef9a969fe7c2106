import { ApiError } from './api-error';

/**
 * The query parameters of a request as one value each. A parameter given twice is refused,
 * naming it, rather than silently taking one of the values.
 */
export function readQuery(request: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    if (Object.hasOwn(query, name)) {
      throw new ApiError('validation_failed', {
        title: `The parameter "${name}" is given more than once.`,
        field: name,
      });
    }
    query[name] = value;
  }
  return query;
}
