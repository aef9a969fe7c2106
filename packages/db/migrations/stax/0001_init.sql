-- The control plane and the data plane of Stax. Every tenant table leads with workspace_id.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  retention_days INTEGER NOT NULL DEFAULT 730,
  created_at TEXT NOT NULL
);

CREATE TABLE memberships (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

-- One-time sign-in links; only the SHA-256 of the token is kept.
CREATE TABLE login_tokens (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX login_tokens_by_email ON login_tokens (email, created_at);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
  token_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_by_workspace ON api_tokens (workspace_id);

CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('api', 'import', 'subscription')),
  label TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('syncing', 'ok', 'needs_attention', 'error')),
  last_synced_at TEXT,
  last_error TEXT,
  sync_pages INTEGER NOT NULL DEFAULT 0,
  sync_records INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX connections_by_workspace ON connections (workspace_id, created_at);

-- Charges, one row per natural key of a connection; re-ingesting a key replaces the row.
CREATE TABLE cost_records (
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  record_key TEXT NOT NULL,
  provider TEXT NOT NULL,
  usage_date TEXT NOT NULL,
  charge_period_start TEXT NOT NULL,
  charge_period_end TEXT NOT NULL,
  charge_category TEXT NOT NULL,
  billed_cost_micros INTEGER NOT NULL,
  currency TEXT NOT NULL,
  service_name TEXT NOT NULL,
  model TEXT,
  charge_description TEXT,
  project_id TEXT,
  api_key_id TEXT,
  consumed_quantity REAL,
  consumed_unit TEXT,
  source TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, connection_id, record_key)
) WITHOUT ROWID;
CREATE INDEX cost_records_by_day ON cost_records (workspace_id, usage_date);

CREATE TABLE usage_records (
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  record_key TEXT NOT NULL,
  provider TEXT NOT NULL,
  usage_date TEXT NOT NULL,
  charge_period_start TEXT NOT NULL,
  charge_period_end TEXT NOT NULL,
  model TEXT NOT NULL,
  project_id TEXT,
  api_key_id TEXT,
  input_tokens INTEGER NOT NULL,
  cached_input_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  requests INTEGER,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, connection_id, record_key)
) WITHOUT ROWID;
CREATE INDEX usage_records_by_day ON usage_records (workspace_id, usage_date);

-- Each sync job, so that a redelivered message and a running sync's progress are visible.
CREATE TABLE sync_runs (
  job_id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  status TEXT NOT NULL,
  pages INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX sync_runs_by_connection ON sync_runs (workspace_id, connection_id, started_at);
