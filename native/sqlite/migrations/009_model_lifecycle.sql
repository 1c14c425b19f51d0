-- Model lifecycle: approval decisions with who/when/why, retirement, and removal that keeps the entry so that
-- re-importing the same file (same SHA-256) restores it with its id and history.
-- The name stays unique among models in the library, not among removed ones: the table is rebuilt to move the
-- UNIQUE constraint on name into a partial index (nothing references models by foreign key yet).
CREATE TABLE models_v9 (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL COLLATE NOCASE,
  path             TEXT NOT NULL,
  sha256           TEXT NOT NULL UNIQUE,
  size_bytes       INTEGER NOT NULL,
  file_mtime_ms    INTEGER NOT NULL,
  architecture     TEXT,
  parameter_count  INTEGER,
  quantization     TEXT,
  context_length   INTEGER,
  embedding_length INTEGER,
  chat_template    TEXT,
  license          TEXT,
  metadata_name    TEXT,
  vocab_only       INTEGER NOT NULL CHECK (vocab_only IN (0, 1)),
  role             TEXT NOT NULL CHECK (role IN ('chat', 'embedding', 'judge')),
  approval         TEXT NOT NULL DEFAULT 'pending' CHECK (approval IN ('pending', 'approved', 'rejected')),
  source           TEXT NOT NULL CHECK (source IN ('imported', 'discovered')),
  metadata_json    TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  retired_at       TEXT,
  removed_at       TEXT
) STRICT;
INSERT INTO models_v9 (id, name, path, sha256, size_bytes, file_mtime_ms, architecture, parameter_count, quantization,
  context_length, embedding_length, chat_template, license, metadata_name, vocab_only, role, approval, source,
  metadata_json, created_at)
  SELECT id, name, path, sha256, size_bytes, file_mtime_ms, architecture, parameter_count, quantization,
  context_length, embedding_length, chat_template, license, metadata_name, vocab_only, role, approval, source,
  metadata_json, created_at FROM models;
DROP TABLE models;
ALTER TABLE models_v9 RENAME TO models;
CREATE INDEX models_path ON models (path);
CREATE UNIQUE INDEX models_name_in_library ON models (name COLLATE NOCASE) WHERE removed_at IS NULL;

-- Every decision about a model, in order: the model's history (the audit trail has the same, tamper-evident).
CREATE TABLE model_events (
  id       INTEGER PRIMARY KEY,
  model_id TEXT NOT NULL REFERENCES models (id),
  action   TEXT NOT NULL CHECK (action IN ('imported', 'approved', 'rejected', 'retired', 'reinstated', 'removed', 'restored')),
  actor    TEXT NOT NULL,
  reason   TEXT,
  at       TEXT NOT NULL
) STRICT;
CREATE INDEX model_events_model ON model_events (model_id, id);
