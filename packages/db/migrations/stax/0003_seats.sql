-- Seats of seat-billed plans (GitHub Copilot) as counts per day, never as people; and totals a
-- provider reports that Stax keeps only to reconcile against (Cursor's cycle-to-date spend).

CREATE TABLE seat_counts (
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  -- `seats|<day>`: one row per connection and UTC day; a later count of the day replaces it.
  record_key TEXT NOT NULL,
  provider TEXT NOT NULL,
  seat_date TEXT NOT NULL,
  total_seats INTEGER NOT NULL,
  active_seats INTEGER NOT NULL,
  inactive_seats INTEGER NOT NULL,
  pending_cancellation_seats INTEGER NOT NULL,
  pending_invitation_seats INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, connection_id, record_key)
) WITHOUT ROWID;
CREATE INDEX seat_counts_by_day ON seat_counts (workspace_id, seat_date);

-- Never summed into spend: a figure to compare the records with.
CREATE TABLE provider_totals (
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  record_key TEXT NOT NULL,
  provider TEXT NOT NULL,
  period_start TEXT NOT NULL,
  as_of TEXT NOT NULL,
  amount_micros INTEGER NOT NULL,
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, connection_id, record_key)
) WITHOUT ROWID;

-- GitHub OAuth: one row per authorize redirect; only the SHA-256 of the state is kept, and a
-- state is spent by the first callback that presents it.
CREATE TABLE oauth_states (
  state_hash TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  label TEXT NOT NULL,
  org TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
