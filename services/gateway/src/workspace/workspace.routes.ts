import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import {
  AlertRecipientsSchema,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  readWorkspaceSettings,
  TimeZoneSchema,
  WEEKDAYS,
  WeekdaySchema,
  type WorkspaceSettings,
} from '@stax/workspaces';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit-log/record';
import { authenticate, requireRole } from '../auth/authenticate';
import { json } from '../http/respond';

const WorkspacePatchSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\p{Cc}]+$/u, { message: 'must not hold control characters' })
      .optional(),
    timeZone: TimeZoneSchema.optional(),
    weekStart: WeekdaySchema.optional(),
    retentionDays: z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).optional(),
    alertRecipients: AlertRecipientsSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'name at least one setting to change',
  });
type WorkspacePatch = z.infer<typeof WorkspacePatchSchema>;

/** The settings as the API shows them: the week start by name. */
function toSettingsView(settings: WorkspaceSettings) {
  return {
    id: settings.id,
    name: settings.name,
    timeZone: settings.timeZone,
    weekStart: WEEKDAYS[settings.weekStart] ?? 'monday',
    retentionDays: settings.retentionDays,
    alertRecipients: settings.alertRecipients,
  };
}

async function requireSettings(app: AppContext, workspaceId: string): Promise<WorkspaceSettings> {
  const settings = await readWorkspaceSettings(app.db, workspaceId);
  if (!settings) throw new ApiError('not_found', { title: 'No such workspace.' });
  return settings;
}

/** GET /api/v1/workspace: the caller's workspace settings. */
export async function getWorkspace(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const settings = await requireSettings(app, principal.workspaceId);

  return json(toSettingsView(settings));
}

/** PATCH /api/v1/workspace: changes settings (admin and above). */
export async function patchWorkspace(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const patch = parseWith(WorkspacePatchSchema, await readJsonBody(request, 8 * 1024));

  await app.db
    .updateTable('workspaces')
    .set(toColumns(patch))
    .where('id', '=', principal.workspaceId)
    .execute();
  await recordAudit(app, {
    workspaceId: principal.workspaceId,
    action: 'workspace.updated',
    outcome: 'success',
    actor: principal.actor,
    connectionId: null,
    detail: { fields: Object.keys(patch).sort().join(',') },
  });

  return json(toSettingsView(await requireSettings(app, principal.workspaceId)));
}

function toColumns(patch: WorkspacePatch) {
  return {
    name: patch.name,
    time_zone: patch.timeZone,
    week_start: patch.weekStart === undefined ? undefined : WEEKDAYS.indexOf(patch.weekStart),
    retention_days: patch.retentionDays,
    alert_recipients:
      patch.alertRecipients === undefined ? undefined : JSON.stringify(patch.alertRecipients),
  };
}
