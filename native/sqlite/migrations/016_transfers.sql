-- Signed bundles and sync between installations (issue 15).

-- The installations whose bundles this one accepts, kept by administrators. A bundle signed by a key that is not
-- here is refused; its fingerprint is shown so it can be compared over another channel before it is added.
CREATE TABLE transfer_trust (
  name            TEXT PRIMARY KEY COLLATE NOCASE,
  -- SHA-256 of the Ed25519 public key (SubjectPublicKeyInfo DER), hex: the installation's id.
  fingerprint     TEXT NOT NULL UNIQUE,
  signing_key     TEXT NOT NULL,
  -- X25519 public key (PEM): bundles encrypted for this installation are sealed to it.
  agreement_key   TEXT NOT NULL,
  -- The peer's headless server, when sync may reach it on another host (loopback needs no entry).
  sync_url        TEXT,
  added_by        TEXT NOT NULL,
  added_at        TEXT NOT NULL
) STRICT;

-- Every bundle written or merged here: what crossed, which way, with whom.
CREATE TABLE transfer_bundles (
  bundle_id    TEXT NOT NULL,
  direction    TEXT NOT NULL CHECK (direction IN ('export', 'import')),
  peer         TEXT,
  fingerprint  TEXT NOT NULL,
  objects      INTEGER NOT NULL,
  summary_json TEXT NOT NULL,
  actor        TEXT NOT NULL,
  at           TEXT NOT NULL,
  PRIMARY KEY (bundle_id, direction, at)
) STRICT;

-- Where each imported object came from. The first import wins: importing the same object again changes nothing.
CREATE TABLE transfer_provenance (
  object_key         TEXT PRIMARY KEY,
  kind               TEXT NOT NULL,
  sha256             TEXT NOT NULL,
  source_fingerprint TEXT NOT NULL,
  source_name        TEXT NOT NULL,
  bundle_id          TEXT NOT NULL,
  imported_by        TEXT NOT NULL,
  imported_at        TEXT NOT NULL
) STRICT;

-- Model manifests received without weights: known SHA-256, metadata and approval history from another installation.
-- Importing the same GGUF file later (same SHA-256) is how the weights arrive; the library itself is not touched.
CREATE TABLE transfer_model_manifests (
  sha256        TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  manifest_json TEXT NOT NULL,
  imported_at   TEXT NOT NULL
) STRICT;
