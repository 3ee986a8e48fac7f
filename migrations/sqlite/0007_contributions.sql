-- Contributions: where each resource is in review (workflow), who proposed
-- it, every saved version, every change of state, merged slugs and pairs a
-- curator has said are not duplicates. `status` stays what search and the
-- public pages read: 'published' only while the workflow says so.
ALTER TABLE resources ADD COLUMN workflow TEXT NOT NULL DEFAULT 'draft'
    CHECK (workflow IN ('draft', 'submitted', 'changes_requested', 'rejected', 'published', 'unpublished', 'archived'));
ALTER TABLE resources ADD COLUMN owner_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
UPDATE resources SET workflow = status;
-- When the workflow last changed (Unix seconds): the review queue's age.
ALTER TABLE resources ADD COLUMN stage_changed_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX resources_workflow ON resources (workflow, stage_changed_at);
CREATE INDEX resources_owner ON resources (owner_id);

CREATE TABLE resource_revisions (
    id           INTEGER PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL CHECK (number > 0),
    author_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    note         TEXT NOT NULL DEFAULT '',
    snapshot     TEXT NOT NULL,             -- JSON of the whole draft, lessons included
    created_at   INTEGER NOT NULL,
    UNIQUE (resource_id, number)
);

CREATE TABLE workflow_events (
    id           INTEGER PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    actor_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action       TEXT NOT NULL,
    from_stage   TEXT,
    to_stage     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);
CREATE INDEX workflow_events_resource ON workflow_events (resource_id, id);

-- An old address of a resource merged into another.
CREATE TABLE slug_redirects (
    old_slug     TEXT PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE
);

CREATE TABLE duplicate_dismissals (
    resource_id   INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    other_id      INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    dismissed_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (resource_id, other_id)
);

-- Drafts change often; only changes that touch the published catalogue
-- should make every instance reload its search snapshot.
DROP TRIGGER catalogue_version_insert;
DROP TRIGGER catalogue_version_update;
DROP TRIGGER catalogue_version_delete;
CREATE TRIGGER catalogue_version_insert AFTER INSERT ON resources WHEN new.status = 'published' BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_update AFTER UPDATE ON resources
    WHEN old.status = 'published' OR new.status = 'published' BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_delete AFTER DELETE ON resources WHEN old.status = 'published' BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
