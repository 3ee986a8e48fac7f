-- Curation: the last check of each resource's external link, and leases
-- that let one server instance (of several) run a scheduled job.
CREATE TABLE link_checks (
    resource_id  BIGINT PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    url          TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'redirected', 'broken', 'timeout', 'error')),
    status_code  BIGINT,
    detail       TEXT NOT NULL DEFAULT '',
    checked_at   BIGINT NOT NULL
);
CREATE INDEX link_checks_outcome ON link_checks (outcome);

CREATE TABLE job_leases (
    name        TEXT PRIMARY KEY,
    last_run_at BIGINT NOT NULL
);
