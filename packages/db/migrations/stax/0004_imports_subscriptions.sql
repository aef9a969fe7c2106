-- Connections without a credential: files a user imports, and plans a user enters by hand.

-- One row per file imported into a connection, keyed by the SHA-256 of its bytes: the same
-- file imported again is recognised, and its records (keyed per row) change nothing.
CREATE TABLE import_files (
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  byte_count INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, connection_id, content_sha256)
) WITHOUT ROWID;

-- The plan of a `subscription` connection. Money is integer micro-units of its currency.
CREATE TABLE subscription_plans (
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  seats INTEGER NOT NULL CHECK (seats > 0),
  price_per_seat_micros INTEGER NOT NULL CHECK (price_per_seat_micros >= 0),
  currency TEXT NOT NULL,
  billing_cycle TEXT NOT NULL CHECK (billing_cycle IN ('monthly', 'annual')),
  -- The next (or a past) renewal day, YYYY-MM-DD: it anchors every billing period.
  renewal_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, connection_id)
) WITHOUT ROWID;
-- Renewal reminders (issue 5) look plans up by their renewal day.
CREATE INDEX subscription_plans_by_renewal ON subscription_plans (renewal_date);
