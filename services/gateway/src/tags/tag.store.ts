import { newId } from '@stax/contracts';
import { compileBatch } from '@stax/db';
import { loadTags, type TagDefinition, type TagRule } from '@stax/tags';
import { sql } from 'kysely';
import type { AppContext } from '../app-context';

/** A tag as the API shows it. */
export interface TagView {
  id: string;
  name: string;
  priority: number;
  rules: TagRule[];
  createdAt: string;
}

function toTagView(tag: TagDefinition): TagView {
  return {
    id: tag.id,
    name: tag.name,
    priority: tag.priority,
    rules: tag.rules,
    createdAt: tag.createdAt,
  };
}

/** A workspace's tags in the order they claim records. */
export async function listTagViews(app: AppContext, workspaceId: string): Promise<TagView[]> {
  return (await loadTags(app.db, workspaceId)).map(toTagView);
}

/** One tag of a workspace, or null; another workspace's id reads as missing. */
export async function findTagView(
  app: AppContext,
  workspaceId: string,
  tagId: string,
): Promise<TagView | null> {
  const tags = await listTagViews(app, workspaceId);
  return tags.find((tag) => tag.id === tagId) ?? null;
}

// All rules in one statement from a bound JSON array (D1 binds at most 100 values), inserted
// only while the tag exists in this workspace.
function insertRules(app: AppContext, workspaceId: string, tagId: string, rules: TagRule[]) {
  const rulesJson = JSON.stringify(rules);
  return app.db
    .insertInto('tag_rules')
    .columns(['workspace_id', 'tag_id', 'position', 'field', 'match_kind', 'value'])
    .expression(
      app.db
        .selectFrom(sql<{ key: number; value: string }>`json_each(${rulesJson})`.as('p'))
        .select([
          sql<string>`${workspaceId}`.as('workspace_id'),
          sql<string>`${tagId}`.as('tag_id'),
          sql<number>`p.key`.as('position'),
          sql<string>`json_extract(p.value, '$.field')`.as('field'),
          sql<string>`json_extract(p.value, '$.match')`.as('match_kind'),
          sql<string>`json_extract(p.value, '$.value')`.as('value'),
        ])
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('tags')
              .select('tags.id')
              .where('tags.workspace_id', '=', workspaceId)
              .where('tags.id', '=', tagId),
          ),
        ),
    );
}

/** Whether an error is the UNIQUE index on a workspace's tag names. */
export function isDuplicateName(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: tags\./.test(error.message);
}

/** Creates a tag with its rules in one batch; without a priority it comes after every tag. */
export async function insertTag(
  app: AppContext,
  workspaceId: string,
  input: { name: string; priority?: number | undefined; rules: TagRule[] },
): Promise<string> {
  const id = newId('tag');
  const now = app.now().toISOString();
  const priority = input.priority ?? (await nextPriority(app, workspaceId));
  await compileBatch(app.env.DB, [
    app.db.insertInto('tags').values({
      id,
      workspace_id: workspaceId,
      name: input.name,
      priority,
      created_at: now,
      updated_at: now,
    }),
    insertRules(app, workspaceId, id, input.rules),
  ]);
  return id;
}

async function nextPriority(app: AppContext, workspaceId: string): Promise<number> {
  const row = await app.db
    .selectFrom('tags')
    .select((eb) => eb.fn.max('priority').as('highest'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return (row?.highest ?? 0) + 1;
}

/** Changes a tag; new rules replace the old ones in the same batch. False when missing. */
export async function updateTag(
  app: AppContext,
  target: { workspaceId: string; tagId: string },
  patch: {
    name?: string | undefined;
    priority?: number | undefined;
    rules?: TagRule[] | undefined;
  },
): Promise<boolean> {
  const { workspaceId, tagId } = target;
  const update = app.db
    .updateTable('tags')
    .set({ name: patch.name, priority: patch.priority, updated_at: app.now().toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tagId);
  const replaceRules = patch.rules
    ? [
        app.db
          .deleteFrom('tag_rules')
          .where('workspace_id', '=', workspaceId)
          .where('tag_id', '=', tagId),
        insertRules(app, workspaceId, tagId, patch.rules),
      ]
    : [];
  const [updated] = await compileBatch(app.env.DB, [update, ...replaceRules]);
  return (updated?.meta.changes ?? 0) > 0;
}

/** Deletes a tag and its rules. False when the workspace has no such tag. */
export async function deleteTag(
  app: AppContext,
  workspaceId: string,
  tagId: string,
): Promise<boolean> {
  const [, deleted] = await compileBatch(app.env.DB, [
    app.db
      .deleteFrom('tag_rules')
      .where('workspace_id', '=', workspaceId)
      .where('tag_id', '=', tagId),
    app.db.deleteFrom('tags').where('workspace_id', '=', workspaceId).where('id', '=', tagId),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}
