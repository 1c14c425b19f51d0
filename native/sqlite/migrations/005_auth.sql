-- Accounts, roles, groups, sessions, API tokens and sign-in throttling (issue 4). Secrets are never stored:
-- passwords as scrypt hashes with their salt and parameters, tokens as SHA-256 digests of 256-bit random values.
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  -- The name documents' access lists use (`user:<name>`); unique regardless of case so `Alice` cannot shadow `alice`.
  name                TEXT NOT NULL COLLATE NOCASE UNIQUE,
  -- `scrypt$ln=15,r=8,p=1$<salt>$<hash>`; NULL for an account that signs in only as its OS user (CLI, desktop).
  password_hash       TEXT,
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  password_changed_at TEXT,
  last_sign_in_at     TEXT
) STRICT;

-- Role names are checked by the contract, not here, so a new role needs no migration.
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role    TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_groups (
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  group_name TEXT NOT NULL,
  PRIMARY KEY (user_id, group_name)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  shell        TEXT NOT NULL,
  source       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  revoked_at   TEXT
) STRICT;

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id               TEXT PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  token_hash       TEXT NOT NULL UNIQUE,
  -- JSON array of permission names: the token can do at most these, and never more than its user's roles grant.
  permissions_json TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  expires_at       TEXT,
  last_used_at     TEXT,
  revoked_at       TEXT
) STRICT;

CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins per account (`account:<name>`) and per source (`source:<address>`), kept across restarts so
-- that starting a new CLI process or server does not reset the count.
CREATE TABLE sign_in_throttle (
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_ms INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
