-- Curation: the last check of each resource's external link, and leases
-- that let one server instance (of several) run a scheduled job.
CREATE TABLE link_checks (
    resource_id  INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
    url          TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'redirected', 'broken', 'timeout', 'error')),
    status_code  INTEGER,
    detail       TEXT NOT NULL DEFAULT '',
    checked_at   INTEGER NOT NULL
);
CREATE INDEX link_checks_outcome ON link_checks (outcome);

CREATE TABLE job_leases (
    name        TEXT PRIMARY KEY,
    last_run_at INTEGER NOT NULL
);
