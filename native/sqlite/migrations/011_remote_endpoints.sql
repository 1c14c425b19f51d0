-- Remote endpoints: OpenAI-compatible servers (vLLM, llama-server, TGI) an administrator registered. The API key is
-- sealed (AES-256-GCM under a key derived from the audit payload key, so it is sealed on disk like the audit keys);
-- the clear key never reaches this table. TPM/RPM limits are stored here and enforced by the gateway's limiters.
CREATE TABLE endpoints (
  id                   TEXT PRIMARY KEY,
  name                 TEXT NOT NULL COLLATE NOCASE UNIQUE,
  base_url             TEXT NOT NULL,
  api_key_sealed       BLOB,
  ca_pem               TEXT,
  reject_unauthorized  INTEGER NOT NULL DEFAULT 1 CHECK (reject_unauthorized IN (0, 1)),
  timeout_ms           INTEGER NOT NULL,
  max_concurrency      INTEGER NOT NULL,
  tpm                  INTEGER,
  rpm                  INTEGER,
  context_window       INTEGER,
  last_test_json       TEXT,
  created_by           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;

-- A remote model lives in the same library (and goes through the same approval) as a local one: it has no file
-- (path '' and a synthetic identity in sha256) but names its endpoint and the model id the endpoint serves.
-- No foreign key: removing an endpoint removes its models from the library but keeps their rows (old runs resolve).
ALTER TABLE models ADD COLUMN location TEXT NOT NULL DEFAULT 'local' CHECK (location IN ('local', 'remote'));
ALTER TABLE models ADD COLUMN endpoint_id TEXT;
ALTER TABLE models ADD COLUMN remote_model_id TEXT;
CREATE INDEX models_endpoint ON models (endpoint_id) WHERE endpoint_id IS NOT NULL;
