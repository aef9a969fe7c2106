-- Stax's own billing and its waitlist. A workspace without a billing row is on the Free plan.

-- What Stax keeps of a workspace's Stripe subscription: ids, plan and status, never card data.
-- plan_event_created and status_event_created are the `created` of the Stripe events that last
-- set each, so that an older event arriving late never overwrites a newer state. They are two
-- because invoice events move the status but say nothing of the plan.
CREATE TABLE billing_accounts (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  stripe_customer_id TEXT NOT NULL UNIQUE,
  stripe_subscription_id TEXT,
  plan TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'team', 'business')),
  status TEXT NOT NULL DEFAULT 'none',
  plan_event_created INTEGER,
  status_event_created INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Every Stripe event id processed, once: a replayed delivery finds its id here and does nothing.
-- request_id is the gateway request that inserted the row; only that request applies the event.
CREATE TABLE stripe_events (
  event_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  event_created INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  received_at TEXT NOT NULL
);

-- People waiting for Stax. Pending until the emailed link is opened.
CREATE TABLE waitlist_entries (
  email TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
  created_at TEXT NOT NULL,
  confirmed_at TEXT
);
CREATE INDEX waitlist_entries_confirmed ON waitlist_entries (status, confirmed_at);

-- Single-use confirmation links; only the SHA-256 of the token is kept.
CREATE TABLE waitlist_tokens (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);

-- Sign-up attempts for rate limiting, by the SHA-256 of the address or of the client's IP.
CREATE TABLE waitlist_attempts (
  subject_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX waitlist_attempts_by_subject ON waitlist_attempts (subject_hash, created_at);
