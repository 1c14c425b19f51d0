-- The gateway's policies (issue 11): routes (virtual models), quotas, the local price table, usage records and the
-- response cache. Every model call the gateway runs leaves one usage row; cost is computed when it is recorded, from
-- the price table as it was then (a later price change does not rewrite history).

-- A route's rules, targets, fallback chain and cache options are one JSON document validated by the contract.
CREATE TABLE gateway_routes (
  name        TEXT PRIMARY KEY COLLATE NOCASE,
  definition  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;

CREATE TABLE gateway_quotas (
  subject             TEXT NOT NULL CHECK (subject IN ('user', 'group', 'token')),
  name                TEXT NOT NULL COLLATE NOCASE,
  tokens_per_day      INTEGER,
  tokens_per_month    INTEGER,
  cost_per_day        REAL,
  cost_per_month      REAL,
  max_request_tokens  INTEGER,
  requests_per_minute INTEGER,
  updated_at          TEXT NOT NULL,
  updated_by          TEXT NOT NULL,
  PRIMARY KEY (subject, name)
) STRICT, WITHOUT ROWID;

-- endpoint 'local' is this machine; '*' matches any endpoint or model (the most specific row wins).
CREATE TABLE gateway_prices (
  endpoint            TEXT NOT NULL COLLATE NOCASE,
  model               TEXT NOT NULL COLLATE NOCASE,
  per_1k_input        REAL NOT NULL,
  per_1k_output       REAL NOT NULL,
  per_compute_second  REAL NOT NULL,
  updated_at          TEXT NOT NULL,
  updated_by          TEXT NOT NULL,
  PRIMARY KEY (endpoint, model)
) STRICT, WITHOUT ROWID;

CREATE TABLE gateway_usage (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('generate', 'embed')),
  user_name     TEXT NOT NULL,
  -- JSON array of the caller's groups at the time of the call
  groups_json   TEXT NOT NULL,
  token_id      TEXT,
  model         TEXT NOT NULL,
  endpoint      TEXT NOT NULL,
  route         TEXT,
  prompt        TEXT,
  tokens_in     INTEGER NOT NULL,
  tokens_out    INTEGER NOT NULL,
  compute_ms    REAL NOT NULL,
  cost          REAL NOT NULL,
  -- what the same call would have cost on the route's dearest target (null outside routes)
  cost_if_largest REAL,
  cache         TEXT NOT NULL CHECK (cache IN ('hit', 'semantic', 'miss', 'bypass')),
  outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'failed'))
) STRICT;
CREATE INDEX gateway_usage_at ON gateway_usage (at);
CREATE INDEX gateway_usage_user ON gateway_usage (user_name, at);
CREATE INDEX gateway_usage_token ON gateway_usage (token_id, at) WHERE token_id IS NOT NULL;

CREATE TABLE gateway_usage_groups (
  usage_id    INTEGER NOT NULL REFERENCES gateway_usage (id) ON DELETE CASCADE,
  group_name  TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (group_name, usage_id)
) STRICT, WITHOUT ROWID;

-- key: SHA-256 of the model identity, sampling parameters, messages/prompt, schema, prompt version and (for RAG) the
-- caller's access set. embedding: the prompt's vector for the semantic cache (float32 LE), only for routes that opt in.
CREATE TABLE gateway_cache (
  key            TEXT PRIMARY KEY,
  model_id       TEXT NOT NULL,
  scope          TEXT NOT NULL,
  collection     TEXT,
  embedding      BLOB,
  result_json    TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  hits           INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX gateway_cache_scope ON gateway_cache (scope, expires_at);
CREATE INDEX gateway_cache_model ON gateway_cache (model_id);
CREATE INDEX gateway_cache_collection ON gateway_cache (collection) WHERE collection IS NOT NULL;
