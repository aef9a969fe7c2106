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
  /** 0 (Sunday) to 6 (Saturday); 1 unless set. Migration 0002. */
  week_start: Generated<number>;
  /** JSON array of email addresses; `[]` means the owners. Migration 0002. */
  alert_recipients: Generated<string>;
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
  /** JSON object of non-secret settings (`ConnectionSettings`), or null. Migration 0005. */
  settings: Generated<string | null>;
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

export interface SeatCountsTable {
  workspace_id: string;
  connection_id: string;
  record_key: string;
  provider: string;
  seat_date: string;
  total_seats: number;
  active_seats: number;
  inactive_seats: number;
  pending_cancellation_seats: number;
  pending_invitation_seats: number;
  updated_at: string;
}

export interface ProviderTotalsTable {
  workspace_id: string;
  connection_id: string;
  record_key: string;
  provider: string;
  period_start: string;
  as_of: string;
  amount_micros: number;
  currency: string;
  description: string;
  updated_at: string;
}

export interface OauthStatesTable {
  state_hash: string;
  workspace_id: string;
  user_id: string;
  provider: string;
  label: string;
  org: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Stax's own plans. Migration 0007. */
export type PlanId = 'free' | 'team' | 'business';

export interface BillingAccountsTable {
  workspace_id: string;
  stripe_customer_id: string;
  stripe_subscription_id: string | null;
  plan: Generated<PlanId>;
  /** Stripe's subscription status (`active`, `past_due`, `canceled`, …), or `none`. */
  status: Generated<string>;
  /** Unix seconds of the Stripe events that last set the plan and the status. */
  plan_event_created: number | null;
  status_event_created: number | null;
  created_at: string;
  updated_at: string;
}

export interface StripeEventsTable {
  event_id: string;
  type: string;
  event_created: number;
  request_id: string;
  received_at: string;
}

export interface WaitlistEntriesTable {
  email: string;
  status: 'pending' | 'confirmed';
  created_at: string;
  confirmed_at: string | null;
}

export interface WaitlistTokensTable {
  token_hash: string;
  email: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface WaitlistAttemptsTable {
  subject_hash: string;
  created_at: string;
}

/** A file imported into an `import` connection, by the SHA-256 of its bytes. Migration 0004. */
export interface ImportFilesTable {
  workspace_id: string;
  connection_id: string;
  content_sha256: string;
  format: string;
  byte_count: number;
  row_count: number;
  first_day: string;
  last_day: string;
  imported_by: string;
  imported_at: string;
}

/** The plan of a `subscription` connection. Migration 0004. */
export interface SubscriptionPlansTable {
  workspace_id: string;
  connection_id: string;
  seats: number;
  price_per_seat_micros: number;
  currency: string;
  billing_cycle: 'monthly' | 'annual';
  renewal_date: string;
  created_at: string;
  updated_at: string;
}

/** A budget of a workspace. Migration 0006. */
export interface BudgetsTable {
  id: string;
  workspace_id: string;
  name: string;
  amount_micros: number;
  currency: string;
  period_kind: 'month' | 'quarter' | 'week';
  period_start_day: Generated<number>;
  scope_kind: 'workspace' | 'provider' | 'connection' | 'tag' | 'model';
  scope_value: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A threshold of a budget, on actual spend or on the forecast. Migration 0006. */
export interface BudgetThresholdsTable {
  id: string;
  workspace_id: string;
  budget_id: string;
  percent: number;
  basis: 'actual' | 'forecast';
  created_at: string;
}

/** Every alert decided, unique per what it is about. Migration 0006. */
export interface AlertEventsTable {
  id: string;
  workspace_id: string;
  kind: 'budget_threshold' | 'budget_resolved' | 'connection_attention' | 'renewal_upcoming';
  dedupe_key: string;
  budget_id: string | null;
  threshold_id: string | null;
  period_start: string | null;
  connection_id: string | null;
  detail: string;
  recipients: string;
  email_status: 'pending' | 'sent' | 'failed' | 'no_recipients';
  email_attempts: Generated<number>;
  email_id: string | null;
  email_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** An emailed invitation to join a workspace. Migration 0002. */
export interface InvitationsTable {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  created_at: string;
}

/** A tag; its rules are in `tag_rules`. Migration 0002. */
export interface TagsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** Lower wins when several tags match one record. */
  priority: number;
  created_at: string;
  updated_at: string;
}

/** One rule of a tag: a record field, exact or prefix, and the value. Migration 0002. */
export interface TagRulesTable {
  workspace_id: string;
  tag_id: string;
  position: number;
  field: 'provider' | 'connection' | 'model' | 'project' | 'key';
  match_kind: 'exact' | 'prefix';
  value: string;
}

/** The tables of D1 `stax`. */
export interface StaxDatabase {
  invitations: InvitationsTable;
  tags: TagsTable;
  tag_rules: TagRulesTable;
  import_files: ImportFilesTable;
  subscription_plans: SubscriptionPlansTable;
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
  budgets: BudgetsTable;
  budget_thresholds: BudgetThresholdsTable;
  alert_events: AlertEventsTable;
  seat_counts: SeatCountsTable;
  provider_totals: ProviderTotalsTable;
  oauth_states: OauthStatesTable;
  billing_accounts: BillingAccountsTable;
  stripe_events: StripeEventsTable;
  waitlist_entries: WaitlistEntriesTable;
  waitlist_tokens: WaitlistTokensTable;
  waitlist_attempts: WaitlistAttemptsTable;
}
