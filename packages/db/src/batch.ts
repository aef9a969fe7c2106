import type { Compilable } from 'kysely';

/**
 * Compiles kysely queries and runs them as one D1 `batch()`: all of them commit or none do
 * (kysely-d1 has no transactions).
 */
export async function compileBatch(
  database: D1Database,
  queries: readonly Compilable[],
): Promise<D1Result[]> {
  if (queries.length === 0) return [];
  const statements = queries.map((query) => {
    const { sql, parameters } = query.compile();
    return database.prepare(sql).bind(...parameters);
  });
  return database.batch(statements);
}
