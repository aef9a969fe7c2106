-- The non-secret settings of a connection as a JSON object of names to text: which Google
-- billing account and BigQuery export table to read, which ChatGPT workspace and its price per
-- credit. Secrets never go here; they stay in the vault. NULL for connections without settings.
ALTER TABLE connections ADD COLUMN settings TEXT;
