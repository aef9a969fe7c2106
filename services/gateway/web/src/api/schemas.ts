import { z } from 'zod';

// The answers of the gateway's API, as the dashboard reads them. Objects are not strict:
// a field the API adds later must not break a page that does not use it.

export const PublicConfigSchema = z.object({ localMailboxUrl: z.string().nullable() });
export type PublicConfig = z.infer<typeof PublicConfigSchema>;

export const RoleSchema = z.enum(['owner', 'admin', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

export const MeSchema = z.object({
  user: z.object({ id: z.string(), email: z.string() }).nullable(),
  role: RoleSchema,
  workspace: z.object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    retentionDays: z.number().int(),
  }),
});
export type Me = z.infer<typeof MeSchema>;

export const ConnectionSchema = z.object({
  id: z.string(),
  provider: z.string(),
  kind: z.string(),
  label: z.string(),
  status: z.string(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sync: z.object({ pages: z.number().int(), records: z.number().int() }),
  createdAt: z.string(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

export const ConnectionListSchema = z.object({ connections: z.array(ConnectionSchema) });

const AmountFields = {
  currency: z.string(),
  amountMicros: z.number().int(),
  amount: z.string(),
};

export const SpendSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.string(),
  rows: z.array(z.object({ key: z.string(), ...AmountFields })),
  totals: z.array(z.object(AmountFields)),
});
export type Spend = z.infer<typeof SpendSchema>;
export type SpendRow = Spend['rows'][number];
export type SpendTotal = Spend['totals'][number];

export const DailySpendSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ day: z.string(), provider: z.string(), ...AmountFields })),
});
export type DailySpend = z.infer<typeof DailySpendSchema>;
export type DailySpendRow = DailySpend['days'][number];

export const AuditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  outcome: z.string(),
  actor: z.object({ type: z.string(), id: z.string() }),
  connectionId: z.string().nullable(),
  requestId: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditPageSchema = z.object({
  events: z.array(AuditEventSchema),
  nextAfter: z.number().int().nullable(),
});

export const ChainVerdictSchema = z.union([
  z.object({ intact: z.literal(true), events: z.number().int(), headHash: z.string() }),
  z.object({
    intact: z.literal(false),
    events: z.number().int(),
    brokenAt: z.number().int(),
    reason: z.string(),
  }),
]);
export type ChainVerdict = z.infer<typeof ChainVerdictSchema>;

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  revokedAt: z.string().nullable().optional(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const TokenListSchema = z.object({ tokens: z.array(ApiTokenSchema) });
export const CreatedTokenSchema = ApiTokenSchema.extend({ token: z.string() });

export const AcceptedSchema = z.object({ status: z.string() });
export const NoContentSchema = z.undefined();
