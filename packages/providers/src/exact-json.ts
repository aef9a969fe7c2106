/** What V8's "JSON.parse source text access" hands a reviver as its third argument. */
interface ReviverContext {
  source?: string;
}

function keepNumberSource(_key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value !== 'number') return value;
  // Without source text access every amount would silently pass through a float: refuse.
  if (typeof context?.source !== 'string') {
    throw new Error('this runtime does not give JSON.parse revivers the source text');
  }
  return context.source;
}

/**
 * Parses JSON text and turns every number into its exact source text (`12.3456785` stays
 * `"12.3456785"`), so money never passes through a binary float. Throws SyntaxError on bad JSON.
 */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, keepNumberSource);
}
