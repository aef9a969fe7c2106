-- Budgets, their thresholds, and every alert Stax decided to send. Issue 5, part B.

CREATE TABLE budgets (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  amount_micros INTEGER NOT NULL CHECK (amount_micros > 0),
  currency TEXT NOT NULL,
  period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'week')),
  -- Day of the month a month or quarter starts on (clamped to short months); 1 for weeks.
  period_start_day INTEGER NOT NULL DEFAULT 1 CHECK (period_start_day BETWEEN 1 AND 31),
  scope_kind TEXT NOT NULL
    CHECK (scope_kind IN ('workspace', 'provider', 'connection', 'tag', 'model')),
  -- NULL exactly for the whole workspace.
  scope_value TEXT CHECK ((scope_kind = 'workspace') = (scope_value IS NULL)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX budgets_by_workspace ON budgets (workspace_id, created_at);

CREATE TABLE budget_thresholds (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  budget_id TEXT NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 1 AND 1000),
  basis TEXT NOT NULL CHECK (basis IN ('actual', 'forecast')),
  created_at TEXT NOT NULL,
  UNIQUE (budget_id, percent, basis)
);
CREATE INDEX budget_thresholds_by_workspace ON budget_thresholds (workspace_id, budget_id);

-- One row per alert decided. The UNIQUE key is the once-only rule: a threshold fires once per
-- budget period (`dedupe_key` = threshold id and period start), a connection once per episode,
-- a renewal once per date and lead time. An evaluation sends an email only when its INSERT
-- won, so re-evaluation, redelivery and racing evaluations cannot send twice. The row id is the
-- Resend idempotency key, so a retried send of the same row delivers once too.
CREATE TABLE alert_events (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (
    kind IN ('budget_threshold', 'budget_resolved', 'connection_attention', 'renewal_upcoming')
  ),
  dedupe_key TEXT NOT NULL,
  budget_id TEXT,
  threshold_id TEXT,
  period_start TEXT,
  connection_id TEXT,
  -- JSON: the facts the email is rendered from (amounts, drivers, names), so a retry sends
  -- the same email. Never a credential.
  detail TEXT NOT NULL,
  -- JSON array of addresses, fixed when the alert was decided.
  recipients TEXT NOT NULL,
  email_status TEXT NOT NULL CHECK (email_status IN ('pending', 'sent', 'failed', 'no_recipients')),
  email_attempts INTEGER NOT NULL DEFAULT 0,
  email_id TEXT,
  email_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (workspace_id, kind, dedupe_key)
);
CREATE INDEX alert_events_by_workspace ON alert_events (workspace_id, created_at);
CREATE INDEX alert_events_by_budget ON alert_events (workspace_id, budget_id, period_start);
CREATE INDEX alert_events_unsent ON alert_events (email_status, created_at);
