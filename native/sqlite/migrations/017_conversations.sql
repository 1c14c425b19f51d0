-- Saved Playground conversations (issue 16). Each belongs to the account that saved it; nobody else lists or reads it.
CREATE TABLE conversations (
  id            TEXT PRIMARY KEY,
  owner         TEXT NOT NULL,
  title         TEXT NOT NULL,
  model         TEXT NOT NULL,
  -- The turns in order, system prompt first when there is one: [{ role, content }].
  messages_json TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX conversations_owner ON conversations (owner, updated_at DESC);
