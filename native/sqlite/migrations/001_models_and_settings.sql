-- The model library and key/value settings.
CREATE TABLE models (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL COLLATE NOCASE UNIQUE,
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
  created_at       TEXT NOT NULL
) STRICT;

CREATE INDEX models_path ON models (path);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
