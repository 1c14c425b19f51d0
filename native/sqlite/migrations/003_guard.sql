-- Guardrails (issue 4): the pseudonym vault. A row maps a pseudonym that replaced a value in text back to
-- that value, sealed with AES-256-GCM by the core (scope and pseudonym are its associated data); the key
-- never enters the database.
CREATE TABLE guard_vault (
  scope       TEXT NOT NULL,
  pseudonym   TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  iv          BLOB NOT NULL CHECK (length(iv) = 12),
  ciphertext  BLOB NOT NULL,
  auth_tag    BLOB NOT NULL CHECK (length(auth_tag) = 16),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (scope, pseudonym)
) STRICT, WITHOUT ROWID;

-- Retention purges by age.
CREATE INDEX guard_vault_created_at ON guard_vault (created_at);
