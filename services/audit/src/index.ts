import { WorkerEntrypoint } from 'cloudflare:workers';
import {
  AuditAppendSchema,
  AuditQuerySchema,
  WorkspaceIdSchema,
  fail,
  ok,
  type AuditApi,
  type AuditAppend,
  type AuditFailureCode,
  type AuditQuery,
  type ChainVerdict,
  type Failure,
  type Result,
} from '@stax/contracts';
import { createLogger, type Logger } from '@stax/log';
import type { z } from 'zod';
import { appendEvent, type Appended } from './append';
import { AuditObjects } from './audit-objects';
import type { Env } from './env';
import { listEvents, type EventPage } from './list';
import { verifyChain } from './verify';

const log = createLogger('audit');

/** The append-only audit log: one hash chain per workspace, one R2 object per event. */
export class AuditEntrypoint extends WorkerEntrypoint<Env> implements AuditApi {
  async append(input: AuditAppend): Promise<Appended> {
    const parsed = AuditAppendSchema.safeParse(input);
    if (!parsed.success) return invalidRequest(parsed.error);

    const event = parsed.data;
    const eventLog = log.child({ requestId: event.requestId, workspaceId: event.workspaceId });
    const appended = await guardStorage(eventLog, () =>
      appendEvent(this.objectsOf(event.workspaceId), event, eventLog),
    );

    if (appended.ok)
      eventLog.info('audit event appended', { seq: appended.value.seq, action: event.action });
    return appended;
  }

  async list(query: AuditQuery): Promise<EventPage> {
    const parsed = AuditQuerySchema.safeParse(query);
    if (!parsed.success) return invalidRequest(parsed.error);

    const objects = this.objectsOf(parsed.data.workspaceId);
    return guardStorage(log, () => listEvents(objects, parsed.data));
  }

  async verify(workspaceId: string): Promise<Result<ChainVerdict, AuditFailureCode>> {
    const parsed = WorkspaceIdSchema.safeParse(workspaceId);
    if (!parsed.success) return invalidRequest(parsed.error);

    const verdict = await guardStorage(log, async () =>
      ok(await verifyChain(this.objectsOf(parsed.data))),
    );
    if (verdict.ok && !verdict.value.intact)
      log.warn('audit chain broken', { workspaceId, ...verdict.value });
    return verdict;
  }

  private objectsOf(workspaceId: string): AuditObjects {
    return new AuditObjects(this.env.AUDIT_BUCKET, workspaceId);
  }
}

// The caller learns which fields are wrong, never the values it sent.
function invalidRequest(error: z.ZodError): { ok: false; error: Failure<'invalid_request'> } {
  const fields = error.issues.map((issue) => issue.path.join('.') || '(input)');
  return fail('invalid_request', `invalid audit request: ${[...new Set(fields)].join(', ')}`);
}

// R2 failing is an expected failure, and a retryable one; it must not surface as a throw.
async function guardStorage<T>(
  logger: Logger,
  action: () => Promise<Result<T, AuditFailureCode>>,
): Promise<Result<T, AuditFailureCode>> {
  try {
    return await action();
  } catch (error) {
    logger.error('audit storage failed', { error });
    return fail('storage_failed', 'the audit log is unavailable', { retryable: true });
  }
}

export default {
  // No HTTP surface: the log is reached only through the service binding.
  async fetch(): Promise<Response> {
    return new Response(null, { status: 404 });
  },
} satisfies ExportedHandler<Env>;
