-- A/B arms are pinned to the versions their labels pointed at when the test started: moving a label during the test
-- must not change what an arm runs (its outcomes would mix two versions). NULL for tests started before this.
ALTER TABLE ab_tests ADD COLUMN control_version TEXT;
ALTER TABLE ab_tests ADD COLUMN candidate_version TEXT;
