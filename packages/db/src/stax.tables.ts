import type { Generated } from 'kysely';

export type Role = 'owner' | 'admin' | 'viewer';

export interface UsersTable {
  id: string;
  email: string;
  created_at: string;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  time_zone: Generated<string>;
  retention_days: Generated<number>;
  created_at: string;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: string;
}

export interface LoginTokensTable {
  token_hash: string;
  email: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  workspace_id: string;
  expires_at: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  name: string;
  role: Role;
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ConnectionsTable {
  id: string;
  workspace_id: string;
  provider: string;
  kind: 'api' | 'import' | 'subscription';
  label: string;
  status: 'syncing' | 'ok' | 'needs_attention' | 'error';
  last_synced_at: string | null;
  last_error: string | null;
  sync_pages: Generated<number>;
  sync_records: Generated<number>;
  created_at: string;
  updated_at: string;
  revoked_at: string | null;
}

export interface CostRecordsTable {
  workspace_id: string;
  connection_id: string;
  record_key: string;
  provider: string;
  usage_date: string;
  charge_period_start: string;
  charge_period_end: string;
  charge_category: string;
  billed_cost_micros: number;
  currency: string;
  service_name: string;
  model: string | null;
  charge_description: string | null;
  project_id: string | null;
  api_key_id: string | null;
  consumed_quantity: number | null;
  consumed_unit: string | null;
  source: string;
  updated_at: string;
}

export interface UsageRecordsTable {
  workspace_id: string;
  connection_id: string;
  record_key: string;
  provider: string;
  usage_date: string;
  charge_period_start: string;
  charge_period_end: string;
  model: string;
  project_id: string | null;
  api_key_id: string | null;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  requests: number | null;
  updated_at: string;
}

export interface SyncRunsTable {
  job_id: string;
  workspace_id: string;
  connection_id: string;
  status: string;
  pages: Generated<number>;
  records: Generated<number>;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** The tables of D1 `stax`. */
export interface StaxDatabase {
  users: UsersTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  login_tokens: LoginTokensTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  connections: ConnectionsTable;
  cost_records: CostRecordsTable;
  usage_records: UsageRecordsTable;
  sync_runs: SyncRunsTable;
}
