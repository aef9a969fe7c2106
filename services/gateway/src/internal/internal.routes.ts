import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { WorkspaceIdSchema } from '@stax/contracts';
import { ApiError, parseWith, readQuery } from '@stax/http';
import type { AppContext } from '../app-context';
import { json } from '../http/respond';
import { authenticateOperator } from './operator';

const OperatorAuditSchema = z.strictObject({
  workspace: WorkspaceIdSchema,
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const nothingHere = () => new ApiError('not_found', { title: 'Nothing is here.' });

/** GET /internal/audit?workspace=: one workspace's audit log and chain verdict, for operators. */
export async function operatorAudit(request: IRequest, app: AppContext): Promise<Response> {
  const operator = await authenticateOperator(request, app.env);
  if (!operator) throw nothingHere();
  const query = parseWith(OperatorAuditSchema, readQuery(request));

  const [listed, verdict] = await Promise.all([
    app.env.AUDIT.list({ workspaceId: query.workspace, after: query.after, limit: query.limit }),
    app.env.AUDIT.verify(query.workspace),
  ]);
  if (!listed.ok || !verdict.ok) {
    throw new ApiError('unavailable', { title: 'The audit log cannot be read right now.' });
  }
  app.log.info('operator read audit log', { operator: operator.id, workspaceId: query.workspace });

  return json({ workspaceId: query.workspace, ...listed.value, chain: verdict.value });
}

/**
 * POST /internal/kek/rewrap: after a new KEK version became current, moves every stored data
 * key to it inside the KMS. Run it before raising KEK_MIN_VERSION to retire the old one.
 */
export async function operatorRewrap(request: IRequest, app: AppContext): Promise<Response> {
  const operator = await authenticateOperator(request, app.env);
  if (!operator) throw nothingHere();

  const counts = await app.env.VAULT.rewrapAll();
  if (!counts.ok) throw new ApiError('unavailable', { title: 'The rewrap could not run now.' });
  app.log.info('operator rewrapped data keys', { operator: operator.id, ...counts.value });

  return json(counts.value);
}

/** Anything else under /internal: 404 for everyone, operators included. */
export function internalNotFound(): never {
  throw nothingHere();
}
