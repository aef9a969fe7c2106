/**
 * Merges items that share a key, keeping the order in which each key first appeared, the way
 * provider reports list grouped results.
 */
export function mergeBy<T>(
  items: readonly T[],
  keyOf: (item: T) => readonly unknown[],
  merge: (total: T, item: T) => T,
): T[] {
  const merged = new Map<string, T>();
  for (const item of items) {
    const key = JSON.stringify(keyOf(item));
    const total = merged.get(key);
    merged.set(key, total === undefined ? item : merge(total, item));
  }
  return [...merged.values()];
}

/** The value when the report is grouped by that dimension, otherwise null. */
export function whenGrouped<T>(
  groupBy: ReadonlySet<string>,
  dimension: string,
  value: T,
): T | null {
  return groupBy.has(dimension) ? value : null;
}

/** True when the filter is empty (no filter sent) or names the value. */
export function isSelected(filter: ReadonlySet<string>, value: string): boolean {
  return filter.size === 0 || filter.has(value);
}
