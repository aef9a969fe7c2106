import type { TagDefinition, TagRule, TagRuleField } from './tag-rule.schema';

/** The fields of a cost or usage record that rules look at. */
export interface TaggableRecord {
  provider: string;
  connectionId: string;
  model: string | null;
  projectId: string | null;
  apiKeyId: string | null;
}

function fieldValue(record: TaggableRecord, field: TagRuleField): string | null {
  const values: Record<TagRuleField, string | null> = {
    provider: record.provider,
    connection: record.connectionId,
    model: record.model,
    project: record.projectId,
    key: record.apiKeyId,
  };
  return values[field];
}

/** Whether one rule matches a record. A record without the field never matches. */
export function ruleMatches(rule: TagRule, record: TaggableRecord): boolean {
  const value = fieldValue(record, rule.field);
  if (value === null) return false;
  return rule.match === 'exact' ? value === rule.value : value.startsWith(rule.value);
}

/** The order in which tags claim records: priority, then age, then id. */
export function compareTagPrecedence(a: TagDefinition, b: TagDefinition): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The one tag a record falls under: the first by precedence with a rule that matches it, or
 * null (untagged). The same rule as `tagIdOfRecord` in SQL.
 */
export function tagOfRecord(
  tags: readonly TagDefinition[],
  record: TaggableRecord,
): TagDefinition | null {
  const ordered = [...tags].sort(compareTagPrecedence);
  return ordered.find((tag) => tag.rules.some((rule) => ruleMatches(rule, record))) ?? null;
}
