import type { StaxDb } from '@stax/db';
import { compareTagPrecedence } from './match';
import { TagRuleSchema, type TagDefinition } from './tag-rule.schema';

/** A workspace's tags with their rules, in the order they claim records. */
export async function loadTags(db: StaxDb, workspaceId: string): Promise<TagDefinition[]> {
  const [tags, rules] = await Promise.all([
    db
      .selectFrom('tags')
      .select(['id', 'name', 'priority', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
    db
      .selectFrom('tag_rules')
      .select(['tag_id', 'field', 'match_kind', 'value'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('tag_id')
      .orderBy('position')
      .execute(),
  ]);
  const definitions = tags.map((tag) => ({
    id: tag.id,
    name: tag.name,
    priority: tag.priority,
    createdAt: tag.created_at,
    rules: rules
      .filter((rule) => rule.tag_id === tag.id)
      .map((rule) =>
        TagRuleSchema.parse({ field: rule.field, match: rule.match_kind, value: rule.value }),
      ),
  }));
  return definitions.sort(compareTagPrecedence);
}
