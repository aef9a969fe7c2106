import { z } from 'zod';
import { ActorSchema } from './actor';
import { ConnectionIdSchema, WorkspaceIdSchema } from './ids';
import type { Result } from './result';

export const AUDIT_ACTIONS = [
  'credential.stored',
  'credential.revealed',
  'credential.rotated',
  'credential.revoked',
  'credential.decrypt_failed',
  'access.cross_tenant_denied',
  'data.deleted',
  'auth.signed_in',
  'token.created',
  'token.revoked',
  // Members and settings (issue 5).
  'member.invited',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'workspace.updated',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** What a caller asks the audit log to append. Detail is data, never a secret. */
export const AuditAppendSchema = z.strictObject({
  workspaceId: WorkspaceIdSchema,
  action: AuditActionSchema,
  outcome: z.enum(['success', 'failure', 'denied']),
  actor: ActorSchema,
  connectionId: ConnectionIdSchema.nullable(),
  requestId: z.string().max(64),
  detail: z.record(
    z.string().max(64),
    z.union([z.string().max(512), z.number(), z.boolean(), z.null()]),
  ),
});
export type AuditAppend = z.infer<typeof AuditAppendSchema>;

/** An event as stored: the append, its place in the workspace's chain and its hash. */
export const AuditEventSchema = AuditAppendSchema.extend({
  v: z.literal(1),
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.strictObject({
  workspaceId: WorkspaceIdSchema,
  connectionId: ConnectionIdSchema.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** Sequence number to continue after. */
  after: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export type ChainVerdict =
  | { intact: true; events: number; headHash: string }
  | { intact: false; events: number; brokenAt: number; reason: string };

export type AuditFailureCode = 'invalid_request' | 'storage_failed' | 'contention';

/** The audit Worker's RPC surface (service binding `AUDIT`). */
export interface AuditApi {
  append(input: AuditAppend): Promise<Result<{ seq: number; hash: string }, AuditFailureCode>>;
  list(
    query: AuditQuery,
  ): Promise<Result<{ events: AuditEvent[]; nextAfter: number | null }, AuditFailureCode>>;
  verify(workspaceId: string): Promise<Result<ChainVerdict, AuditFailureCode>>;
}
