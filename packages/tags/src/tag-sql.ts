import { sql, type RawBuilder } from 'kysely';
import type { TagRule } from './tag-rule.schema';

/**
 * A rule row in SQL: expressions for its field, match kind and value. Saved rules come from
 * `tag_rules`; a preview's rules come from a bound JSON array, through the same matcher.
 */
interface RuleColumns {
  field: RawBuilder<unknown>;
  match: RawBuilder<unknown>;
  value: RawBuilder<unknown>;
}

// `record` names a table or subquery alias with the columns of cost_records / usage_records.
function recordField(rule: RuleColumns, record: string): RawBuilder<string | null> {
  const column = (name: string) => sql.ref(`${record}.${name}`);
  return sql<string | null>`(CASE ${rule.field}
    WHEN 'provider' THEN ${column('provider')}
    WHEN 'connection' THEN ${column('connection_id')}
    WHEN 'model' THEN ${column('model')}
    WHEN 'project' THEN ${column('project_id')}
    WHEN 'key' THEN ${column('api_key_id')} END)`;
}

// substr/length count characters, not bytes, so a prefix never splits a character. A record
// without the field gives NULL, which matches nothing.
function ruleMatchesSql(rule: RuleColumns, record: string): RawBuilder<boolean> {
  const value = recordField(rule, record);
  return sql<boolean>`(CASE ${rule.match}
    WHEN 'exact' THEN ${value} = ${rule.value}
    WHEN 'prefix' THEN substr(${value}, 1, length(${rule.value})) = ${rule.value}
    ELSE 0 END)`;
}

const SAVED_RULE: RuleColumns = {
  field: sql`r.field`,
  match: sql`r.match_kind`,
  value: sql`r.value`,
};

// The first tag by priority, then age, then id, one of whose rules matches the record.
function firstMatchingTag(
  column: 'id' | 'name',
  workspaceId: string,
  record: string,
): RawBuilder<string | null> {
  return sql<string | null>`(SELECT ${sql.ref(`t.${column}`)} FROM tag_rules AS r
    INNER JOIN tags AS t ON t.workspace_id = r.workspace_id AND t.id = r.tag_id
    WHERE r.workspace_id = ${workspaceId} AND ${ruleMatchesSql(SAVED_RULE, record)}
    ORDER BY t.priority, t.created_at, t.id LIMIT 1)`;
}

/**
 * The id of the tag a record falls under, or NULL when it is untagged: the first tag by
 * priority, then age, then id, one of whose rules matches. Evaluated when queried, so a rule
 * change applies to past records too. `record` is the alias of the row being tagged, with the
 * columns of `cost_records` / `usage_records`.
 */
export function tagIdOfRecord(workspaceId: string, record: string): RawBuilder<string | null> {
  return firstMatchingTag('id', workspaceId, record);
}

/** The name of the tag a record falls under, or NULL: the same rule as `tagIdOfRecord`. */
export function tagNameOfRecord(workspaceId: string, record: string): RawBuilder<string | null> {
  return firstMatchingTag('name', workspaceId, record);
}

const PREVIEW_RULE: RuleColumns = {
  field: sql`json_extract(p.value, '$.field')`,
  match: sql`json_extract(p.value, '$.match')`,
  value: sql`json_extract(p.value, '$.value')`,
};

/** Whether any of the given (unsaved) rules matches the record `record`. */
export function anyRuleMatches(rules: readonly TagRule[], record: string): RawBuilder<boolean> {
  // One bound JSON text, whatever the number of rules: D1 allows 100 bound values a statement.
  return sql<boolean>`EXISTS (SELECT 1 FROM json_each(${JSON.stringify(rules)}) AS p
    WHERE ${ruleMatchesSql(PREVIEW_RULE, record)})`;
}
