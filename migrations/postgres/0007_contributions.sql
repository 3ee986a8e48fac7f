-- Contributions: where each resource is in review (workflow), who proposed
-- it, every saved version, every change of state, merged slugs and pairs a
-- curator has said are not duplicates. `status` stays what search and the
-- public pages read: 'published' only while the workflow says so.
ALTER TABLE resources ADD COLUMN workflow TEXT NOT NULL DEFAULT 'draft'
    CHECK (workflow IN ('draft', 'submitted', 'changes_requested', 'rejected', 'published', 'unpublished', 'archived'));
ALTER TABLE resources ADD COLUMN owner_id BIGINT REFERENCES users (id) ON DELETE SET NULL;
UPDATE resources SET workflow = status;
-- When the workflow last changed (Unix seconds): the review queue's age.
ALTER TABLE resources ADD COLUMN stage_changed_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX resources_workflow ON resources (workflow, stage_changed_at);
CREATE INDEX resources_owner ON resources (owner_id);

CREATE TABLE resource_revisions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id  BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    number       BIGINT NOT NULL CHECK (number > 0),
    author_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    note         TEXT NOT NULL DEFAULT '',
    snapshot     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (resource_id, number)
);

CREATE TABLE workflow_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id  BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    actor_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action       TEXT NOT NULL,
    from_stage   TEXT,
    to_stage     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL
);
CREATE INDEX workflow_events_resource ON workflow_events (resource_id, id);

CREATE TABLE slug_redirects (
    old_slug     TEXT PRIMARY KEY,
    resource_id  BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE
);

CREATE TABLE duplicate_dismissals (
    resource_id   BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    other_id      BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    dismissed_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (resource_id, other_id)
);
