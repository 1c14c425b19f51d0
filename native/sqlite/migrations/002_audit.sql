-- The audit trail (issue 4): a hash chain of entries, signed checkpoints, and a sealed head.

-- One row per audited event. `entry_hash` = SHA-256 over the canonical JSON of the chained fields
-- (seq, time, actor, action, target, outcome, the three digests) and `prev_hash`; see electron/core/audit/hash-chain.ts.
-- `payload` is AES-256-GCM sealed; retention sets it to NULL but keeps `payload_digest` (SHA-256 of the sealed
-- bytes), so the chain still verifies after a purge.
CREATE TABLE audit_entries (
  seq            INTEGER PRIMARY KEY CHECK (seq >= 1),
  time           TEXT NOT NULL,
  actor          TEXT NOT NULL,
  action         TEXT NOT NULL,
  target         TEXT NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied', 'blocked')),
  input_digest   TEXT,
  output_digest  TEXT,
  payload_digest TEXT,
  payload        BLOB,
  prev_hash      TEXT NOT NULL,
  entry_hash     TEXT NOT NULL
) STRICT;

CREATE INDEX audit_entries_time ON audit_entries (time);
CREATE INDEX audit_entries_actor ON audit_entries (actor, seq);
CREATE INDEX audit_entries_action ON audit_entries (action, seq);

-- Ed25519 signatures over (seq, head hash, time, key id), written every N entries, on demand and at each export.
CREATE TABLE audit_checkpoints (
  seq       INTEGER PRIMARY KEY,
  head_hash TEXT NOT NULL,
  time      TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
) STRICT;

-- The last entry as the writer left it, with an HMAC under the local audit key: entries cut from the end
-- or added behind the writer's back no longer match it.
CREATE TABLE audit_head (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  seq       INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  mac       TEXT NOT NULL
) STRICT;

-- The keys this trail was started with (ids and the public key, never secrets): a missing or swapped key file
-- is then an error instead of a silently fresh key.
CREATE TABLE audit_keys (
  kind       TEXT PRIMARY KEY CHECK (kind IN ('signing', 'payload')),
  key_id     TEXT NOT NULL,
  public_key TEXT,
  created_at TEXT NOT NULL
) STRICT;
