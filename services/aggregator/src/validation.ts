import type { z } from 'zod';

const MAX_ISSUES_SHOWN = 3;

/**
 * Says where and why an input failed its schema, for the caller and the log: paths and
 * messages only, never the values (a record may hold anything the provider sent).
 */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
