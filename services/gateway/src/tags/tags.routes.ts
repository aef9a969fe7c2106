import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { TagIdSchema, UtcDaySchema } from '@stax/contracts';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import { formatMicros } from '@stax/money';
import { TagRulesSchema, UNTAGGED } from '@stax/tags';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { utcDay } from '../connections/sync-jobs';
import { json, noContent } from '../http/respond';
import { reportForeignAccess } from '../tenancy/foreign-access';
import { previewRules } from './tag-preview';
import {
  deleteTag,
  findTagView,
  insertTag,
  isDuplicateName,
  listTagViews,
  updateTag,
} from './tag.store';

const MAX_TAG_BODY_BYTES = 32 * 1024;
const PREVIEW_DEFAULT_DAYS = 30;

const TagNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, { message: 'must not hold control characters' })
  .refine((name) => name.toLowerCase() !== UNTAGGED, {
    message: `"${UNTAGGED}" names spend that no tag matches`,
  });
const PrioritySchema = z.number().int().min(0).max(1_000_000);

const CreateTagSchema = z.strictObject({
  name: TagNameSchema,
  priority: PrioritySchema.optional(),
  rules: TagRulesSchema,
});

const PatchTagSchema = z
  .strictObject({
    name: TagNameSchema.optional(),
    priority: PrioritySchema.optional(),
    rules: TagRulesSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'name at least one field to change',
  });

const PreviewSchema = z
  .strictObject({
    rules: TagRulesSchema,
    from: UtcDaySchema.optional(),
    to: UtcDaySchema.optional(),
  })
  .refine((body) => !body.from || !body.to || body.from < body.to, {
    message: 'must be after from',
    path: ['to'],
  });

function duplicateName(): ApiError {
  return new ApiError('conflict', {
    title: 'The workspace has a tag of this name.',
    field: 'name',
  });
}

/** GET /api/v1/tags: the workspace's tags in the order they claim spend. */
export async function listTagsRoute(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const tags = await listTagViews(app, principal.workspaceId);

  return json({ tags });
}

/** POST /api/v1/tags: creates a tag with its rules (admins). */
export async function createTag(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const input = parseWith(CreateTagSchema, await readJsonBody(request, MAX_TAG_BODY_BYTES));

  const id = await insertTag(app, principal.workspaceId, input).catch((error: unknown) => {
    throw isDuplicateName(error) ? duplicateName() : error;
  });

  const created = await findTagView(app, principal.workspaceId, id);
  return json(created, 201, { location: `/api/v1/tags/${id}` });
}

/** PATCH /api/v1/tags/:id: renames, re-prioritizes or replaces the rules (admins). */
export async function patchTag(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const patch = parseWith(PatchTagSchema, await readJsonBody(request, MAX_TAG_BODY_BYTES));
  const tagId = parseTagId(request.params.id);

  const target = { workspaceId: principal.workspaceId, tagId };
  const updated = await updateTag(app, target, patch).catch((error: unknown) => {
    throw isDuplicateName(error) ? duplicateName() : error;
  });
  if (!updated) throw tagNotFound(app, principal, tagId);

  return json(await findTagView(app, principal.workspaceId, tagId));
}

/** DELETE /api/v1/tags/:id: its spend falls to the next matching tag, or untagged (admins). */
export async function deleteTagRoute(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const tagId = parseTagId(request.params.id);

  const deleted = await deleteTag(app, principal.workspaceId, tagId);
  if (!deleted) throw tagNotFound(app, principal, tagId);

  return noContent();
}

/** POST /api/v1/tags/preview: what rules would match, before they are saved. Changes nothing. */
export async function previewTag(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const body = parseWith(PreviewSchema, await readJsonBody(request, MAX_TAG_BODY_BYTES));

  const to = body.to ?? utcDay(app.now(), 1);
  const from = body.from ?? utcDay(new Date(`${to}T00:00:00Z`), -PREVIEW_DEFAULT_DAYS);
  if (from >= to) {
    throw new ApiError('validation_failed', { title: 'from must be before to.', field: 'from' });
  }
  const { groups, totals } = await previewRules(app, principal.workspaceId, body.rules, {
    from,
    to,
  });

  return json({
    from,
    to,
    records: totals.reduce((sum, total) => sum + total.records, 0),
    totals: totals.map((total) => ({
      currency: total.currency,
      amountMicros: total.amountMicros,
      amount: formatMicros(total.amountMicros),
    })),
    groups: groups.map((group) => ({ ...group, amount: formatMicros(group.amountMicros) })),
  });
}

function parseTagId(id: unknown): string {
  const parsed = TagIdSchema.safeParse(id);
  if (!parsed.success) throw new ApiError('not_found', { title: 'No such tag in this workspace.' });
  return parsed.data;
}

function tagNotFound(app: AppContext, principal: Principal, tagId: string): ApiError {
  reportForeignAccess(app, principal, 'tag', tagId);
  return new ApiError('not_found', { title: 'No such tag in this workspace.' });
}
