-- Humans in the loop and compliance (issue 14): the review queue, labels by several experts with their
-- assignments and adjudicated gold labels, versioned model cards and bias audits.
CREATE TABLE review_items (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('rag.answer')),
  trace_id        TEXT NOT NULL,
  collection_id   TEXT,
  requester       TEXT NOT NULL,
  reasons_json    TEXT NOT NULL,
  question        TEXT NOT NULL,
  -- What the model generated: never shown to the requester before a reviewer releases it.
  held_output     TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'edited', 'rejected')),
  released_text   TEXT,
  decided_by      TEXT,
  decision_reason TEXT,
  decided_at      TEXT,
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX review_items_status ON review_items (status, created_at);
CREATE INDEX review_items_trace ON review_items (trace_id);

CREATE TABLE review_prompt_policies (
  prompt     TEXT PRIMARY KEY COLLATE NOCASE,
  policy     TEXT NOT NULL CHECK (policy IN ('always', 'unsupported', 'never')),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Labeling by several experts: a dataset's questions, who labels which case, each labeler's own labels, gold labels.
CREATE TABLE label_questions (
  dataset_id  TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('rating', 'label', 'multi-label', 'text', 'ranking', 'corrected')),
  options_json TEXT NOT NULL DEFAULT '[]',
  guidelines  TEXT NOT NULL DEFAULT '',
  ordinal     INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, name)
) STRICT;
CREATE TABLE label_assignments (
  dataset_id  TEXT NOT NULL,
  case_key    TEXT NOT NULL,
  labeler     TEXT NOT NULL,
  assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (dataset_id, case_key, labeler)
) STRICT;
CREATE TABLE expert_labels (
  dataset_id TEXT NOT NULL,
  case_key   TEXT NOT NULL,
  question   TEXT NOT NULL,
  labeler    TEXT NOT NULL,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (dataset_id, case_key, question, labeler)
) STRICT;
CREATE TABLE gold_labels (
  dataset_id     TEXT NOT NULL,
  case_key       TEXT NOT NULL,
  question       TEXT NOT NULL,
  value_json     TEXT NOT NULL,
  adjudicated_by TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  at             TEXT NOT NULL,
  PRIMARY KEY (dataset_id, case_key, question)
) STRICT;

-- Compliance artefacts: versioned model cards and bias audits.
CREATE TABLE model_cards (
  model_id   TEXT NOT NULL,
  version    INTEGER NOT NULL,
  card_json  TEXT NOT NULL,
  digest     TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (model_id, version)
) STRICT;
CREATE TABLE bias_audits (
  id          TEXT PRIMARY KEY,
  model_id    TEXT NOT NULL,
  prompt_ref  TEXT,
  attributes_json TEXT NOT NULL,
  report_json TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX bias_audits_model ON bias_audits (model_id, created_at);
