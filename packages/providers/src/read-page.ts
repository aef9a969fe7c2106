import type { z } from 'zod';
import { fail, ok, type Result } from '@stax/contracts';
import type { PageFailureCode } from './adapter';
import { parseExactJson } from './exact-json';

const MAX_REPORTED_ISSUES = 3;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses a response body with exact numbers and checks it against its schema. The failure
 * message names where the shape broke (paths, never values) for the log.
 */
export function readResponse<S extends z.ZodType>(
  schema: S,
  bodyText: string,
): Result<z.output<S>, PageFailureCode> {
  let json: unknown;
  try {
    json = parseExactJson(bodyText);
  } catch (error) {
    if (error instanceof SyntaxError) return fail('unexpected_format', 'the body is not JSON');
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return fail('unexpected_format', describeIssues(parsed.error));
  return ok(parsed.data);
}

/** The cursor to ask for next, or null after the last page. */
export function nextPageOf(page: { has_more: boolean; next_page?: string | null }): string | null {
  return page.has_more ? (page.next_page ?? null) : null;
}
