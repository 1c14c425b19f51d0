-- A document is its source as ingested by one user: re-ingesting a path updates the caller's own document and never
-- another user's (who may have shared it with a group the caller is not in). Write rights follow ownership.
DROP INDEX documents_source;
CREATE UNIQUE INDEX documents_source ON documents (index_id, source, ingested_by) WHERE status = 'indexed';
