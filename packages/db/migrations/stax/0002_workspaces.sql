-- Workspace settings, invitations of members, and tags with their rules (issue 5, part A).

-- 0 is Sunday … 6 is Saturday, as Date.prototype.getUTCDay counts; 1 (Monday) as ISO 8601.
ALTER TABLE workspaces ADD COLUMN week_start INTEGER NOT NULL DEFAULT 1
  CHECK (week_start BETWEEN 0 AND 6);
-- A JSON array of email addresses; empty means "the workspace's owners".
ALTER TABLE workspaces ADD COLUMN alert_recipients TEXT NOT NULL DEFAULT '[]';

-- A single-use, expiring invitation; only the SHA-256 of the emailed token is kept.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
  token_hash TEXT NOT NULL UNIQUE,
  invited_by TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_at TEXT,
  accepted_by TEXT,
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX invitations_by_workspace ON invitations (workspace_id, created_at);

-- Tags are evaluated at query time, never stamped on records, so a rule change applies to
-- past data too. A record gets the first tag (lowest priority number) one of whose rules
-- matches it, so spend by tag never counts a record twice.
CREATE TABLE tags (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  priority INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX tags_by_name ON tags (workspace_id, name COLLATE NOCASE);

CREATE TABLE tag_rules (
  workspace_id TEXT NOT NULL,
  tag_id TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('provider', 'connection', 'model', 'project', 'key')),
  match_kind TEXT NOT NULL CHECK (match_kind IN ('exact', 'prefix')),
  value TEXT NOT NULL CHECK (length(value) > 0),
  PRIMARY KEY (workspace_id, tag_id, position)
) WITHOUT ROWID;
