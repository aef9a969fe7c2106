import { env } from 'cloudflare:workers';
import {
  newId,
  type CostRecord,
  type IngestBatch,
  type SyncJob,
  type UsageRecord,
} from '@stax/contracts';
import { createStaxDb, type ConnectionsTable } from '@stax/db';
import type { Insertable, Selectable } from 'kysely';

export const db = createStaxDb(env.DB);

export const CREATED_AT = '2026-04-01T00:00:00.000Z';

export interface ConnectionRef {
  workspaceId: string;
  connectionId: string;
}

/** A new workspace, so that each test owns its rows. */
export async function seedWorkspace(): Promise<string> {
  const workspaceId = newId('wsp');
  await db
    .insertInto('workspaces')
    .values({ id: workspaceId, name: 'Acme', created_at: CREATED_AT })
    .execute();
  return workspaceId;
}

/** A connection (an OpenAI API one unless told), in a new workspace unless one is given. */
export async function seedConnection(
  overrides: Partial<Insertable<ConnectionsTable>> = {},
): Promise<ConnectionRef> {
  const workspaceId = overrides.workspace_id ?? (await seedWorkspace());
  const connectionId = overrides.id ?? newId('con');
  await db
    .insertInto('connections')
    .values({
      provider: 'openai',
      kind: 'api',
      label: 'Production',
      status: 'ok',
      last_synced_at: null,
      last_error: null,
      created_at: CREATED_AT,
      updated_at: CREATED_AT,
      revoked_at: null,
      ...overrides,
      id: connectionId,
      workspace_id: workspaceId,
    })
    .execute();
  return { workspaceId, connectionId };
}

export async function readConnection(ref: ConnectionRef): Promise<Selectable<ConnectionsTable>> {
  return db
    .selectFrom('connections')
    .selectAll()
    .where('workspace_id', '=', ref.workspaceId)
    .where('id', '=', ref.connectionId)
    .executeTakeFirstOrThrow();
}

export async function readCosts(ref: ConnectionRef) {
  return db
    .selectFrom('cost_records')
    .selectAll()
    .where('workspace_id', '=', ref.workspaceId)
    .where('connection_id', '=', ref.connectionId)
    .orderBy('record_key')
    .execute();
}

export async function readUsage(ref: ConnectionRef) {
  return db
    .selectFrom('usage_records')
    .selectAll()
    .where('workspace_id', '=', ref.workspaceId)
    .where('connection_id', '=', ref.connectionId)
    .orderBy('record_key')
    .execute();
}

export async function readRuns(ref: ConnectionRef) {
  return db
    .selectFrom('sync_runs')
    .selectAll()
    .where('workspace_id', '=', ref.workspaceId)
    .where('connection_id', '=', ref.connectionId)
    .orderBy('started_at')
    .execute();
}

export function costRecord(overrides: Partial<CostRecord> = {}): CostRecord {
  return {
    recordKey: 'cost|2026-04-20|gpt-4.1',
    chargePeriodStart: '2026-04-20T00:00:00Z',
    chargePeriodEnd: '2026-04-21T00:00:00Z',
    chargeCategory: 'usage',
    billedCostMicros: 12_345_678,
    currency: 'USD',
    serviceName: 'OpenAI API',
    model: 'gpt-4.1',
    chargeDescription: 'gpt-4.1 input tokens',
    projectId: 'proj_abc',
    apiKeyId: null,
    consumedQuantity: 1500.5,
    consumedUnit: 'tokens',
    source: 'reported',
    ...overrides,
  };
}

export function usageRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    recordKey: 'usage|2026-04-20|gpt-4.1',
    chargePeriodStart: '2026-04-20T00:00:00Z',
    chargePeriodEnd: '2026-04-21T00:00:00Z',
    model: 'gpt-4.1',
    projectId: 'proj_abc',
    apiKeyId: 'key_1',
    inputTokens: 1_000_000,
    cachedInputTokens: 250_000,
    cacheWriteTokens: 0,
    outputTokens: 42_000,
    requests: 310,
    ...overrides,
  };
}

export function ingestBatch(ref: ConnectionRef, overrides: Partial<IngestBatch> = {}): IngestBatch {
  return {
    v: 1,
    workspaceId: ref.workspaceId,
    connectionId: ref.connectionId,
    provider: 'openai',
    jobId: newId('job'),
    costs: [costRecord()],
    usage: [usageRecord()],
    ...overrides,
  };
}

export function syncJob(ref: ConnectionRef, overrides: Partial<SyncJob> = {}): SyncJob {
  return {
    v: 1,
    jobId: newId('job'),
    workspaceId: ref.workspaceId,
    connectionId: ref.connectionId,
    provider: 'openai',
    reason: 'scheduled',
    from: '2026-04-23',
    to: '2026-04-27',
    requestId: 'req-test',
    ...overrides,
  };
}

/**
 * A queue producer that keeps what it was sent, one entry per call, and hands it on to a real
 * producer binding when given one.
 */
export class RecordingQueue implements Queue<SyncJob> {
  readonly batches: SyncJob[][] = [];

  constructor(private readonly forwardTo?: Queue<SyncJob>) {}

  get sent(): SyncJob[] {
    return this.batches.flat();
  }

  async send(body: SyncJob): Promise<QueueSendResponse> {
    this.batches.push([body]);
    if (this.forwardTo) return this.forwardTo.send(body);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
  }

  async sendBatch(
    messages: Iterable<MessageSendRequest<SyncJob>>,
  ): Promise<QueueSendBatchResponse> {
    const requests = Array.from(messages);
    this.batches.push(requests.map((message) => message.body));
    if (this.forwardTo) return this.forwardTo.sendBatch(requests);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
  }

  async metrics(): Promise<QueueMetrics> {
    return { backlogCount: 0, backlogBytes: 0 };
  }
}
