-- Prompt registry, datasets, evaluation runs and A/B tests (issue 5).

-- A prompt is a name; its content lives in immutable versions, and labels point at versions.
CREATE TABLE prompts (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE prompt_versions (
  id                 INTEGER PRIMARY KEY,
  prompt_id          TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
  version            TEXT NOT NULL,
  -- The semver parts, so "latest" is an ORDER BY and not a string comparison.
  major              INTEGER NOT NULL,
  minor              INTEGER NOT NULL,
  patch              INTEGER NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('chat', 'completion')),
  system_template    TEXT NOT NULL,
  user_template      TEXT NOT NULL,
  -- [{ name, type, required, default?, description? }]
  variables_json     TEXT NOT NULL,
  -- { model?, maxTokens?, temperature?, topP?, topK?, seed?, stop? }
  params_json        TEXT NOT NULL,
  output_schema_json TEXT,
  message            TEXT NOT NULL,
  author             TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  UNIQUE (prompt_id, version),
  UNIQUE (prompt_id, major, minor, patch)
) STRICT;

-- Versions are immutable: what an eval run or a label pointed at must stay what it was.
CREATE TRIGGER prompt_versions_no_update BEFORE UPDATE ON prompt_versions
BEGIN
  SELECT RAISE(ABORT, 'prompt versions are immutable');
END;

CREATE TABLE prompt_labels (
  prompt_id  TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
  label      TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES prompt_versions (id),
  protected  INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (prompt_id, label)
) STRICT, WITHOUT ROWID;

-- Every label move, so a rollback knows where the label was before and reviewers see who moved it.
CREATE TABLE prompt_label_moves (
  id              INTEGER PRIMARY KEY,
  prompt_id       TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
  label           TEXT NOT NULL,
  from_version_id INTEGER REFERENCES prompt_versions (id),
  to_version_id   INTEGER NOT NULL REFERENCES prompt_versions (id),
  action          TEXT NOT NULL CHECK (action IN ('set', 'rollback', 'promote', 'protect', 'unprotect')),
  moved_by        TEXT NOT NULL,
  gate_run_id     TEXT,
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX prompt_label_moves_label ON prompt_label_moves (prompt_id, label, id);

CREATE TABLE datasets (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE dataset_versions (
  id           INTEGER PRIMARY KEY,
  dataset_id   TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  case_count   INTEGER NOT NULL,
  -- SHA-256 of the cases: importing the same content again reuses the version.
  content_hash TEXT NOT NULL,
  source       TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  UNIQUE (dataset_id, version)
) STRICT;

CREATE TABLE dataset_cases (
  id                 INTEGER PRIMARY KEY,
  dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
  ordinal            INTEGER NOT NULL,
  -- The case's own id from the file (or its ordinal): pairs cases across dataset versions in comparisons.
  case_key           TEXT NOT NULL,
  vars_json          TEXT NOT NULL,
  expected           TEXT,
  references_json    TEXT NOT NULL DEFAULT '[]',
  contexts_json      TEXT NOT NULL DEFAULT '[]',
  tags_json          TEXT NOT NULL DEFAULT '[]',
  -- { score?: 1–5, pass?: boolean, preference?: 'A'|'B'|'tie' }: human labels for judge agreement.
  human_json         TEXT,
  -- Per-case assertions (suite tests), evaluated beside the suite's default ones.
  assert_json        TEXT NOT NULL DEFAULT '[]',
  UNIQUE (dataset_version_id, ordinal)
) STRICT;

CREATE TABLE eval_runs (
  id                 TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  -- The resolved suite (prompt version ids, models, assertions, thresholds) exactly as run: a resume reads it.
  suite_json         TEXT NOT NULL,
  dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions (id),
  baseline_run_id    TEXT REFERENCES eval_runs (id),
  status             TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  total_items        INTEGER NOT NULL,
  done_items         INTEGER NOT NULL DEFAULT 0,
  -- The process working on the run ("pid@host"): a 'running' run whose owner is gone was interrupted.
  owner              TEXT,
  summary_json       TEXT,
  -- NULL when the suite has no gate; 1/0 otherwise.
  gate_passed        INTEGER CHECK (gate_passed IN (0, 1)),
  gate_json          TEXT,
  error_json         TEXT,
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  ended_at           TEXT
) STRICT;
CREATE INDEX eval_runs_created ON eval_runs (created_at);

-- The registry versions a run evaluated: "has this version passed a gate?" is one indexed lookup.
CREATE TABLE eval_run_prompt_versions (
  run_id            TEXT NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
  prompt_version_id INTEGER NOT NULL REFERENCES prompt_versions (id),
  PRIMARY KEY (prompt_version_id, run_id)
) STRICT, WITHOUT ROWID;

-- One row per case × prompt × model, written once when the case is finished: a resumed run skips these.
CREATE TABLE eval_results (
  id                INTEGER PRIMARY KEY,
  run_id            TEXT NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
  case_id           INTEGER NOT NULL REFERENCES dataset_cases (id),
  prompt_key        TEXT NOT NULL,
  prompt_version_id INTEGER REFERENCES prompt_versions (id),
  model             TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  rendered_json     TEXT NOT NULL,
  output            TEXT NOT NULL,
  -- { metricName: number }
  metrics_json      TEXT NOT NULL,
  -- [{ type, passed, score?, threshold?, reason? }]
  assertions_json   TEXT NOT NULL,
  passed            INTEGER NOT NULL CHECK (passed IN (0, 1)),
  -- Judge verdicts with their reasoning (single and pairwise).
  judge_json        TEXT,
  error_json        TEXT,
  latency_ms        REAL NOT NULL,
  prompt_tokens     INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  created_at        TEXT NOT NULL,
  UNIQUE (run_id, case_id, prompt_key, model)
) STRICT;

CREATE TABLE ab_tests (
  id                TEXT PRIMARY KEY,
  prompt_id         TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
  name              TEXT NOT NULL,
  control_label     TEXT NOT NULL,
  candidate_label   TEXT NOT NULL,
  -- Share of new subjects sent to the candidate arm (0–100).
  candidate_percent REAL NOT NULL CHECK (candidate_percent >= 0 AND candidate_percent <= 100),
  -- The outcome metric watched for automatic rollback, its floor and the samples needed before it acts.
  monitor_metric    TEXT NOT NULL,
  monitor_threshold REAL,
  monitor_min_samples INTEGER NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('running', 'promoted', 'rolled_back', 'stopped')),
  decision_json     TEXT,
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  ended_at          TEXT
) STRICT;
-- At most one running test per prompt: assignment must be unambiguous.
CREATE UNIQUE INDEX ab_tests_running ON ab_tests (prompt_id) WHERE status = 'running';

-- Sticky assignment: a subject keeps its arm even if the split changes.
CREATE TABLE ab_assignments (
  test_id    TEXT NOT NULL REFERENCES ab_tests (id) ON DELETE CASCADE,
  subject    TEXT NOT NULL,
  arm        TEXT NOT NULL CHECK (arm IN ('control', 'candidate')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (test_id, subject)
) STRICT, WITHOUT ROWID;

CREATE TABLE ab_outcomes (
  id         INTEGER PRIMARY KEY,
  test_id    TEXT NOT NULL REFERENCES ab_tests (id) ON DELETE CASCADE,
  arm        TEXT NOT NULL CHECK (arm IN ('control', 'candidate')),
  subject    TEXT,
  metric     TEXT NOT NULL,
  value      REAL NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX ab_outcomes_test ON ab_outcomes (test_id, metric, arm);
