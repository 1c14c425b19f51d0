-- Indirect prompt injection (issue 13): chunks the document scanner found instructions in when their document was
-- ingested. A collection's policy decides what happens to such a chunk: kept and flagged (chunk_id set), or
-- quarantined (kept out of the index: chunk_id NULL, only this record and an excerpt remain). A document refused
-- outright is never stored, so it has no rows here. Red-team runs are report files under <dataDir>/redteam/.
CREATE TABLE document_injection_flags (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  chunk_id     INTEGER REFERENCES chunks (id) ON DELETE SET NULL,
  action       TEXT NOT NULL CHECK (action IN ('flagged', 'quarantined')),
  score        REAL NOT NULL,
  reasons_json TEXT NOT NULL,
  excerpt      TEXT NOT NULL,
  created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX document_injection_flags_document ON document_injection_flags (document_id, ordinal);
