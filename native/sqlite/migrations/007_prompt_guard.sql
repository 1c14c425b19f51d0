-- Guardrail overrides per prompt version (issue 4: configurable per collection and per prompt).
-- NULL: the version adds nothing to the collection's or the default guardrails.
ALTER TABLE prompt_versions ADD COLUMN guard_json TEXT;
