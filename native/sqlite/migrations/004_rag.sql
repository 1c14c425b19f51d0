-- Governed RAG: collections with versioned settings, documents with access lists, chunks with source locations,
-- full text in FTS5. Vectors live in per-index sqlite-vec tables (vec_f_<index>, vec_q_<index>) created at run time,
-- because their dimension depends on the embedding model.
CREATE TABLE collections (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL COLLATE NOCASE UNIQUE,
  settings_version INTEGER NOT NULL,
  active_index_id  INTEGER,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL
) STRICT;

CREATE TABLE collection_settings (
  collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  settings_json TEXT NOT NULL,
  changed_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (collection_id, version)
) STRICT;

-- One index per embedding configuration. A new embedding model builds a new index while the old one answers.
CREATE TABLE rag_indexes (
  id                 INTEGER PRIMARY KEY,
  collection_id      TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  embedding_model_id TEXT,
  dimensions         INTEGER,
  quantization       TEXT NOT NULL CHECK (quantization IN ('none', 'int8', 'binary')),
  -- How well the embedding model finds passages by their own sentences, relative to BM25 (0–1): scales the
  -- vector side of hybrid fusion, so a weak model cannot drag hybrid below full text. NULL until measured.
  vector_quality     REAL,
  -- Bumped by every vector write, so an in-memory copy (binary codes) knows when another process changed them.
  vector_version     INTEGER NOT NULL DEFAULT 0,
  status             TEXT NOT NULL CHECK (status IN ('building', 'active', 'retired')),
  created_at         TEXT NOT NULL
) STRICT;

-- Documents with identical access lists share one set, so retrieval filters on a short list of set ids.
CREATE TABLE acl_sets (
  id         INTEGER PRIMARY KEY,
  principals TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE acl_set_members (
  acl_set_id INTEGER NOT NULL REFERENCES acl_sets (id) ON DELETE CASCADE,
  principal  TEXT NOT NULL,
  PRIMARY KEY (principal, acl_set_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  index_id      INTEGER NOT NULL REFERENCES rag_indexes (id) ON DELETE CASCADE,
  source        TEXT NOT NULL,
  format        TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  size_bytes    INTEGER NOT NULL,
  title         TEXT,
  tags_json     TEXT NOT NULL DEFAULT '[]',
  acl_set_id    INTEGER NOT NULL REFERENCES acl_sets (id),
  -- 'indexing' documents are invisible to retrieval: a crash mid-ingest leaves nothing half-indexed in view.
  status        TEXT NOT NULL CHECK (status IN ('indexing', 'indexed')),
  chunk_count   INTEGER NOT NULL DEFAULT 0,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  ingested_by   TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

-- One visible document per source; a replacement is staged beside it as 'indexing' and swapped in one transaction.
CREATE UNIQUE INDEX documents_source ON documents (index_id, source) WHERE status = 'indexed';
CREATE INDEX documents_index_status ON documents (index_id, status, source);

CREATE TABLE chunks (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  index_id      INTEGER NOT NULL,
  acl_set_id    INTEGER NOT NULL,
  ordinal       INTEGER NOT NULL,
  text          TEXT NOT NULL,
  text_sha256   TEXT NOT NULL,
  token_count   INTEGER NOT NULL,
  location_json TEXT NOT NULL
) STRICT;

CREATE INDEX chunks_document ON chunks (document_id, ordinal);
CREATE INDEX chunks_index_acl ON chunks (index_id, acl_set_id);

-- Vectors of staged (not yet visible) chunks wait here and move into the vector tables when the document is committed,
-- so a nearest-neighbour search can never return a chunk of a half-indexed document.
CREATE TABLE staged_vectors (
  chunk_id  INTEGER PRIMARY KEY REFERENCES chunks (id) ON DELETE CASCADE,
  embedding BLOB NOT NULL
) STRICT;

CREATE VIRTUAL TABLE chunks_fts USING fts5 (text, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');

-- Document frequency per term: terms in a large share of all chunks are the collection's own stopwords.
CREATE VIRTUAL TABLE chunks_fts_vocab USING fts5vocab ('chunks_fts', 'row');

CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
  INSERT INTO chunks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
  INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Every ask leaves a trace for the audit log.
CREATE TABLE rag_traces (
  id            TEXT PRIMARY KEY,
  collection_id TEXT NOT NULL,
  user          TEXT NOT NULL,
  query         TEXT NOT NULL,
  retrieved_json TEXT NOT NULL,
  prompt        TEXT NOT NULL,
  output        TEXT NOT NULL,
  citations_json TEXT NOT NULL,
  timings_json  TEXT NOT NULL,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;

-- Folders kept in sync: changes are ingested (and deletions removed) as they happen, and again at start-up.
CREATE TABLE rag_watches (
  collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  folder        TEXT NOT NULL,
  acl_json      TEXT NOT NULL,
  tags_json     TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (collection_id, folder)
) STRICT;
