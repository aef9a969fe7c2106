-- Encrypted credentials only. The envelope holds the wrapped data key, the IV and the
-- ciphertext; nothing here can be read without the KMS Worker.
CREATE TABLE credentials (
  workspace_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  envelope BLOB NOT NULL,
  kek_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  rotated_at TEXT,
  PRIMARY KEY (workspace_id, connection_id)
) WITHOUT ROWID;
CREATE INDEX credentials_by_kek_version ON credentials (kek_version);
