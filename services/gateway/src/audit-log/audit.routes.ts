import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { ConnectionIdSchema, type AuditEvent } from '@stax/contracts';
import { ApiError, parseWith, readQuery } from '@stax/http';
import type { AppContext } from '../app-context';
import { authenticate } from '../auth/authenticate';
import { connectionBelongsTo } from '../connections/connection.store';
import { json } from '../http/respond';
import { reportForeignAccess } from '../tenancy/foreign-access';
import { toCsv } from '../http/csv';

const AuditListSchema = z.strictObject({
  connection: ConnectionIdSchema.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const CSV_COLUMNS = [
  'seq',
  'at',
  'action',
  'outcome',
  'actorType',
  'actorId',
  'connectionId',
  'requestId',
  'detail',
  'prevHash',
  'hash',
] as const;

/** GET /api/v1/audit: the workspace's own events, as JSON or (Accept: text/csv) CSV. */
export async function listAudit(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const query = parseWith(AuditListSchema, readQuery(request));
  if (
    query.connection &&
    !(await connectionBelongsTo(app, principal.workspaceId, query.connection))
  ) {
    reportForeignAccess(app, principal, 'connection', query.connection);
    throw new ApiError('not_found', { title: 'No such connection in this workspace.' });
  }

  const listed = await app.env.AUDIT.list({
    workspaceId: principal.workspaceId,
    connectionId: query.connection,
    from: query.from,
    to: query.to,
    after: query.after,
    limit: query.limit,
  });
  if (!listed.ok) throw auditUnavailable();

  const { events, nextAfter } = listed.value;
  if (!(request.headers.get('accept') ?? '').includes('text/csv'))
    return json({ events, nextAfter });
  return new Response(toCsv(CSV_COLUMNS, events.map(csvRow)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="stax-audit.csv"',
      ...(nextAfter === null ? {} : { 'x-next-after': String(nextAfter) }),
    },
  });
}

function csvRow(event: AuditEvent): Record<(typeof CSV_COLUMNS)[number], string> {
  return {
    seq: String(event.seq),
    at: event.at,
    action: event.action,
    outcome: event.outcome,
    actorType: event.actor.type,
    actorId: event.actor.id,
    connectionId: event.connectionId ?? '',
    requestId: event.requestId,
    detail: JSON.stringify(event.detail),
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/** GET /api/v1/audit/verify: walks the workspace's hash chain. */
export async function verifyAudit(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const verdict = await app.env.AUDIT.verify(principal.workspaceId);
  if (!verdict.ok) throw auditUnavailable();

  return json(verdict.value);
}

function auditUnavailable(): ApiError {
  return new ApiError('unavailable', {
    title: 'The audit log cannot be read right now. Try again.',
  });
}
