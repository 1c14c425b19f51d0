-- Observability: every model and retrieval call leaves a trace (a tree of spans), per-minute rollups feed the dashboard,
-- feedback and judge scores join both. Times are epoch milliseconds (INTEGER): range scans over a million traces stay
-- on the index, and rollup minutes are integer division away.
CREATE TABLE traces (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  -- What started the trace: chat, text_completion, embeddings, retrieval, rag.ask, prompts.run, eval.case, eval.judge…
  operation     TEXT NOT NULL,
  user          TEXT NOT NULL,
  model         TEXT NOT NULL DEFAULT '',
  -- name@version of the registry prompt, '' when none.
  prompt        TEXT NOT NULL DEFAULT '',
  collection_id TEXT NOT NULL DEFAULT '',
  endpoint      TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error_code    TEXT,
  started_at    INTEGER NOT NULL,
  duration_ms   REAL NOT NULL,
  ttft_ms       REAL,
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost          REAL,
  input         TEXT NOT NULL DEFAULT '',
  output        TEXT NOT NULL DEFAULT '',
  -- The latest rating (1 up, -1 down) and judge score, copied here so lists filter on them without joins.
  feedback      INTEGER,
  score         REAL,
  -- Access sets of every passage the trace quoted: a reader must be able to read all of them (see rag/content-access.ts).
  acl_json      TEXT NOT NULL DEFAULT '[]',
  attrs_json    TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX traces_started ON traces (started_at);
CREATE INDEX traces_user_started ON traces (user, started_at);
CREATE INDEX traces_model_started ON traces (model, started_at);

CREATE TABLE trace_acl (
  trace_seq  INTEGER NOT NULL REFERENCES traces (seq) ON DELETE CASCADE,
  acl_set_id INTEGER NOT NULL,
  PRIMARY KEY (trace_seq, acl_set_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE trace_spans (
  trace_seq   INTEGER NOT NULL REFERENCES traces (seq) ON DELETE CASCADE,
  span_id     TEXT NOT NULL,
  parent_id   TEXT,
  name        TEXT NOT NULL,
  start_ms    REAL NOT NULL,
  duration_ms REAL NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error_code  TEXT,
  attrs_json  TEXT NOT NULL,
  PRIMARY KEY (trace_seq, span_id)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE traces_fts USING fts5 (input, output, content = 'traces', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER traces_fts_insert AFTER INSERT ON traces BEGIN
  INSERT INTO traces_fts (rowid, input, output) VALUES (new.seq, new.input, new.output);
END;
CREATE TRIGGER traces_fts_delete AFTER DELETE ON traces BEGIN
  INSERT INTO traces_fts (traces_fts, rowid, input, output) VALUES ('delete', old.seq, old.input, old.output);
END;

CREATE TABLE trace_feedback (
  id          INTEGER PRIMARY KEY,
  trace_id    TEXT NOT NULL,
  user        TEXT NOT NULL,
  rating      INTEGER NOT NULL CHECK (rating IN (-1, 1)),
  comment     TEXT,
  correction  TEXT,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX trace_feedback_trace ON trace_feedback (trace_id);

-- Rollups per time bucket and per single dimension: each trace adds to the row of every dimension it has
-- (`all`, operation, model, prompt, collection, user, endpoint), at minute and at hour resolution. A dashboard
-- query then reads one row per bucket (or per bucket and group), however many users and models there are: a year of
-- hourly totals is 8,760 rows. Latency and TTFT keep a sparse log-bucket histogram (JSON) so percentiles merge
-- across buckets (about 5% relative error).
CREATE TABLE metric_rollups (
  resolution    INTEGER NOT NULL CHECK (resolution IN (1, 60)),
  dimension     TEXT NOT NULL,
  value         TEXT NOT NULL,
  minute        INTEGER NOT NULL,
  requests      INTEGER NOT NULL DEFAULT 0,
  errors        INTEGER NOT NULL DEFAULT 0,
  error_codes   TEXT NOT NULL DEFAULT '{}',
  latency_hist  TEXT NOT NULL DEFAULT '{}',
  ttft_hist     TEXT NOT NULL DEFAULT '{}',
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  generation_ms REAL NOT NULL DEFAULT 0,
  cost          REAL NOT NULL DEFAULT 0,
  feedback_up   INTEGER NOT NULL DEFAULT 0,
  feedback_down INTEGER NOT NULL DEFAULT 0,
  judge_sum     REAL NOT NULL DEFAULT 0,
  judge_count   INTEGER NOT NULL DEFAULT 0,
  cache_hits    INTEGER NOT NULL DEFAULT 0,
  cache_lookups INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (resolution, dimension, minute, value)
) STRICT, WITHOUT ROWID;

-- Existing RAG asks become traces of the general store (same id, so rag.traces.get and traces.get agree).
INSERT INTO traces (id, operation, user, collection_id, status, started_at, duration_ms, input_tokens, output_tokens, input, output, acl_json)
SELECT id, 'rag.ask', user, collection_id, 'ok', CAST(strftime('%s', created_at) AS INTEGER) * 1000,
  COALESCE(json_extract(timings_json, '$.totalMs'), 0), prompt_tokens, completion_tokens, query, output,
  -- A passage recorded without its access set gets -1, a set nobody holds: an unknown list is never readable.
  (SELECT json_group_array(DISTINCT COALESCE(json_extract(r.value, '$.aclSetId'), -1)) FROM json_each(retrieved_json) r)
FROM rag_traces;
INSERT INTO trace_acl (trace_seq, acl_set_id) SELECT t.seq, a.value FROM traces t, json_each(t.acl_json) a;

-- Observability settings (trace retention, alert rules, online evaluation), one JSON value per key.
CREATE TABLE observability_settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
) STRICT;
